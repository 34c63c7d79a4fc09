"""Two-step sign-in: an authenticator app's codes and recovery codes, asked for
after the password; required of every admin user with ``NEWSLINE_REQUIRE_2FA``."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsline.users.services import confirm_enrolment, start_enrolment

from .test_production import SITE, _newsline

PASSWORD = "correct horse battery staple"  # noqa: S105
HOME = "/admin/"
SETUP = "/admin/two-step/"
VERIFY = "/admin/two-step/verify/"


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.az", PASSWORD)


@pytest.fixture
def required(settings):
    settings.NEWSLINE_REQUIRE_2FA = True
    return settings


def _sign_in(client, user):
    """With the password, as on the sign-in page."""
    answer = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    assert answer.status_code == 302, "the password sign-in failed"
    return client


def _app_code(user, *, later: int = 0) -> str:
    """What the user's authenticator app shows (``later`` steps of 30 s on)."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed").first()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += later * device.step
    return f"{totp.token():06d}"


def _enrolled(user) -> list[str]:
    start_enrolment(user=user)
    return confirm_enrolment(user=user, code=_app_code(user))


def _admin(client):
    return client.get(HOME)


def test_without_two_step_and_not_required_the_password_is_enough(client, chief):
    assert _admin(_sign_in(client, chief)).status_code == 200


def test_when_required_an_editor_is_sent_to_set_it_up(client, chief, required):
    answer = _admin(_sign_in(client, chief))
    assert answer.status_code == 302
    assert answer["Location"].startswith(SETUP)
    # Nothing else in the admin either, not even the account page.
    assert client.get(reverse("wagtailadmin_account")).status_code == 302


def test_setting_up_shows_a_qr_code_and_the_key_then_recovery_codes(client, chief, required):
    _sign_in(client, chief)
    page = client.get(SETUP).content.decode()
    assert "<svg" in page and "data-two-step-key" in page
    answer = client.post(SETUP, {"code": _app_code(chief), "next": HOME})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", answer.content.decode())
    assert len(codes) == 10
    assert _admin(client).status_code == 200  # this session passed the second step


def test_a_wrong_code_at_setup_leaves_it_off_and_says_why(client, chief, required):
    _sign_in(client, chief)
    client.get(SETUP)
    answer = client.post(SETUP, {"code": "000000"})
    assert "That code is not right" in answer.content.decode()
    assert not TOTPDevice.objects.filter(user=chief, confirmed=True).exists()
    assert _admin(client).status_code == 302


def test_reloading_the_setup_page_keeps_the_key_already_scanned(client, chief, required):
    _sign_in(client, chief)
    first = re.search(r"data-two-step-key>([A-Z2-7 ]+)<", client.get(SETUP).content.decode())
    again = re.search(r"data-two-step-key>([A-Z2-7 ]+)<", client.get(SETUP).content.decode())
    assert first.group(1) == again.group(1)


def test_signing_in_asks_for_the_apps_code(client, chief):
    _enrolled(chief)
    answer = _admin(_sign_in(client, chief))
    assert answer["Location"].startswith(VERIFY)
    answer = client.post(VERIFY, {"code": _app_code(chief, later=1), "next": "/admin/pages/"})
    assert answer["Location"] == "/admin/pages/"
    assert _admin(client).status_code == 200


def test_a_code_cannot_be_used_twice(client, chief):
    _enrolled(chief)
    code = _app_code(chief, later=1)
    first = _sign_in(client, chief).post(VERIFY, {"code": code})
    assert first.status_code == 302
    replay = _sign_in(client.__class__(), chief)
    assert replay.post(VERIFY, {"code": code}).status_code == 200  # refused, form again
    assert _admin(replay).status_code == 302


def test_a_recovery_code_signs_in_once(client, chief):
    code = _enrolled(chief)[0]
    answer = _sign_in(client, chief).post(VERIFY, {"code": code.upper()}, follow=True)
    assert "9 left" in answer.content.decode()
    other = _sign_in(client.__class__(), chief)
    assert other.post(VERIFY, {"code": code}).status_code == 200
    assert _admin(other).status_code == 302


def test_wrong_codes_slow_the_guesser_down(client, chief):
    _enrolled(chief)
    _sign_in(client, chief)
    for _ in range(3):
        answer = client.post(VERIFY, {"code": "123456"})
    assert "Too many wrong codes" in answer.content.decode()
    # Even the right code waits out the pause.
    assert client.post(VERIFY, {"code": _app_code(chief, later=1)}).status_code == 200


def test_only_our_own_pages_are_followed_after_the_second_step(client, chief):
    _enrolled(chief)
    _sign_in(client, chief)
    answer = client.post(
        VERIFY, {"code": _app_code(chief, later=1), "next": "https://evil.example/"}
    )
    assert answer["Location"] == HOME


def test_the_second_step_gives_a_new_session_key(client, chief):
    _enrolled(chief)
    _sign_in(client, chief)
    before = client.session.session_key
    client.post(VERIFY, {"code": _app_code(chief, later=1)})
    assert client.session.session_key != before


def test_new_recovery_codes_replace_the_old(client, chief):
    old = _enrolled(chief)
    _sign_in(client, chief).post(VERIFY, {"code": _app_code(chief, later=1)})
    page = client.post(SETUP, {"action": "recovery-codes"}).content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    other = _sign_in(client.__class__(), chief)
    assert other.post(VERIFY, {"code": old[1]}).status_code == 200  # refused


def test_turning_it_off_is_refused_where_the_outlet_requires_it(client, chief, settings):
    _enrolled(chief)
    _sign_in(client, chief).post(VERIFY, {"code": _app_code(chief, later=1)})
    settings.NEWSLINE_REQUIRE_2FA = True
    client.post(SETUP, {"action": "turn-off"})
    assert TOTPDevice.objects.filter(user=chief).exists()
    settings.NEWSLINE_REQUIRE_2FA = False
    client.post(SETUP, {"action": "turn-off"})
    assert not TOTPDevice.objects.filter(user=chief).exists()


def test_an_administrator_resets_a_lost_phone(client, chief, required, capsys):
    _enrolled(chief)
    call_command("reset_two_step", "chief")
    assert "reset" in capsys.readouterr().out
    assert _admin(_sign_in(client, chief))["Location"].startswith(SETUP)


def test_the_account_page_links_to_it(client, chief):
    _sign_in(client, chief)
    assert SETUP in client.get(reverse("wagtailadmin_account")).content.decode()


def test_readers_pages_do_not_ask_for_it(client, chief, required):
    _sign_in(client, chief)
    assert client.get("/en/").status_code == 200


def test_production_requires_it_unless_told_not_to(tmp_path):
    show = [
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.NEWSLINE_REQUIRE_2FA)",
    ]
    env = {**SITE, "SECRET_KEY": "k3Jx9-Pq7Lm2Zr8Tw4Yb6Nc1Vd5Hg0Fs" * 2}
    assert _newsline(tmp_path, *show, **env).stdout.strip() == "True"
    off = _newsline(tmp_path, *show, **env, NEWSLINE_REQUIRE_2FA="0")
    assert off.stdout.strip() == "False"
