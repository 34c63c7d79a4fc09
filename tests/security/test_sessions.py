"""A signed-in session ends after a while idle and after a working day at most."""

import time_machine
from django.urls import reverse


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_signing_in_starts_both_clocks(client, editor):
    from newsline.users.middleware import SEEN_AT, SIGNED_IN_AT

    _signed_in(client, editor)
    assert SIGNED_IN_AT in client.session and SEEN_AT in client.session


def _admin_status(client):
    return client.get(reverse("wagtailadmin_home")).status_code


def test_an_idle_session_is_signed_out(client, editor, settings):
    settings.NEWSLINE_SESSION_IDLE_SECONDS = 600
    with time_machine.travel("2026-12-04 09:00 +0000", tick=False) as clock:
        admin_client = _signed_in(client, editor)
        assert _admin_status(admin_client) == 200
        clock.shift(300)
        assert _admin_status(admin_client) == 200  # active: the idle clock restarts
        clock.shift(660)
        assert _admin_status(admin_client) == 302  # to the sign-in page


def test_a_busy_session_still_ends_after_its_hours(client, editor, settings):
    settings.NEWSLINE_SESSION_IDLE_SECONDS = 600
    settings.NEWSLINE_SESSION_MAX_SECONDS = 3600
    with time_machine.travel("2026-12-04 09:00 +0000", tick=False) as clock:
        admin_client = _signed_in(client, editor)
        for _ in range(13):  # a request every 5 min: never idle, for a whole hour
            assert _admin_status(admin_client) == 200
            clock.shift(300)
        assert _admin_status(admin_client) == 302  # 65 min after signing in
