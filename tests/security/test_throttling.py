"""Sign-in throttling: a handful of failures pauses that username from that address,
with a 429 that says why and when; nobody else is locked out."""

from django.urls import reverse

LOGIN = reverse("wagtailadmin_login")


def _sign_in(client, password, username="editor", address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_failures_pause_that_user_from_that_address_with_a_429(client, editor):
    for _ in range(4):
        assert _sign_in(client, "wrong").status_code == 200  # the form, with its error
    assert _sign_in(client, "wrong").status_code == 429  # the fifth failure
    refused = _sign_in(client, "pw")  # even the right password, for now
    assert refused.status_code == 429
    assert "Try again in 15 minutes" in refused.content.decode()
    assert refused["Retry-After"] == "900"


def test_the_victim_can_still_sign_in_from_elsewhere(client, editor):
    for _ in range(6):
        _sign_in(client, "wrong", address="198.51.100.66")  # an attacker's address
    assert _sign_in(client, "pw", address="203.0.113.7").status_code == 302


def test_other_users_at_the_same_address_are_not_paused(client, editor, django_user_model):
    django_user_model.objects.create_user("colleague", password="their-pw")
    for _ in range(6):
        _sign_in(client, "wrong")
    assert _sign_in(client, "their-pw", username="colleague").status_code in (200, 302)
    assert _sign_in(client, "their-pw", username="colleague").status_code != 429


def test_a_success_resets_the_count(client, editor):
    for _ in range(4):
        _sign_in(client, "wrong")
    assert _sign_in(client, "pw").status_code == 302
    client.logout()
    for _ in range(4):
        _sign_in(client, "wrong")
    assert _sign_in(client, "pw").status_code == 302
