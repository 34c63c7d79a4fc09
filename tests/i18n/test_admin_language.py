"""The admin speaks one language per user, never a mix."""

from django.urls import reverse


def test_the_sign_in_error_is_in_one_language(client, editor):
    response = client.post(reverse("wagtailadmin_login"), {"username": "editor", "password": "x"})
    body = response.content.decode()
    assert 'lang="en"' in body
    assert "username and password" in body.lower()
    assert "istifadəçi" not in body


def test_a_user_who_chose_russian_gets_russian(client, editor):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(editor)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'lang="ru"' in body


def test_readers_pages_keep_their_language(client):
    assert 'lang="az"' in client.get("/az/").content.decode()
