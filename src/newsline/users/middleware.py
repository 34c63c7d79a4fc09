"""Signed-in sessions that end: after a while idle, and after a working day at most."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from newsline.core.addresses import is_admin

from .services import has_two_factor, must_set_up

SIGNED_IN_AT = "newsline_signed_in_at"
SEEN_AT = "newsline_seen_at"
# Writing the last-seen time on every request would save the session each time;
# once a minute is precise enough for an idle limit counted in minutes.
SEEN_PRECISION = 60


class SessionTimeoutMiddleware:
    """Signs a user out after ``NEWSLINE_SESSION_IDLE_SECONDS`` without a request
    and ``NEWSLINE_SESSION_MAX_SECONDS`` after signing in: a laptop left open in a
    newsroom, or a stolen session cookie, is worth little for long."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie there is nobody to sign out; asking would read
        # the session and mark every reader's page "Vary: Cookie" (uncacheable).
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            self._enforce(request)
        return self.get_response(request)

    def _enforce(self, request) -> None:
        now, session = int(time.time()), request.session
        signed_in_at = session.get(SIGNED_IN_AT, now)
        seen_at = session.get(SEEN_AT, now)
        idle = now - seen_at > settings.NEWSLINE_SESSION_IDLE_SECONDS
        too_old = now - signed_in_at > settings.NEWSLINE_SESSION_MAX_SECONDS
        if idle or too_old:
            logout(request)
        elif is_admin(request.path_info) and now - seen_at >= SEEN_PRECISION:
            # Only the admin counts as activity, and only it writes the session:
            # a signed-in editor reading the site or the API gets no cookie.
            session.setdefault(SIGNED_IN_AT, now)
            session[SEEN_AT] = now


def remember_sign_in(sender, request, user, **kwargs) -> None:
    """Start both clocks at sign-in (``user_logged_in``)."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now


class TwoFactorMiddleware:
    """Keeps a signed-in user who has not passed the second step out of the admin:
    to the code page when they have an authenticator app, to setting one up when
    the outlet requires it (``NEWSLINE_REQUIRE_2FA``). Readers' pages are not
    concerned. After django-otp's ``OTPMiddleware``."""

    # What must stay open on the way: the second step itself, signing out, and
    # what the sign-in screens load (the icon sprite, the admin's translations).
    OPEN = (
        "/admin/two-step/",
        "/admin/logout/",
        "/admin/login/",
        "/admin/jsi18n/",
        "/admin/sprite/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if is_admin(path) and not path.startswith(self.OPEN):
            stop = self._second_step(request)
            if stop is not None:
                return stop
        return self.get_response(request)

    def _second_step(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if has_two_factor(user):
            return _to("newsline_two_step_verify", request)
        if must_set_up(user):
            return _to("newsline_two_step_setup", request)
        return None


def _to(view_name: str, request):
    return redirect_to_login(request.get_full_path(), reverse(view_name))
