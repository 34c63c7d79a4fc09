"""The admin's own sign-in pages: what it says when it cannot send mail, and the
second step of signing in."""

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .services import (
    confirm_enrolment,
    has_two_factor,
    new_recovery_codes,
    recovery_codes_left,
    reset_two_factor,
    retry_at,
    start_enrolment,
    verify,
)


def password_reset_without_mail(request):
    """In place of Wagtail's reset form while no mail server is configured
    (EMAIL_URL): saying a link was sent when none can be would strand the user."""
    heading = _("No reset link can be sent")
    return TemplateResponse(request, "users/no_mail.html", {"heading": heading}, status=503)


# Two-step sign-in (users/services.py). The pages stay open to a signed-in user
# who has not passed the second step yet (users/middleware.py lets them through).


WRONG_CODE = gettext_lazy(
    "That code is not right. Type the newest code your app shows (check that the "
    "phone's clock is right), or one of your recovery codes."
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def two_step_setup(request):
    """Add an authenticator app: a QR code and the key to type, then a code from
    the app to prove it works; the recovery codes are shown once at the end."""
    user = request.user
    if has_two_factor(user):
        if not user.is_verified():
            return redirect_to_login(_next(request), reverse("newsline_two_step_verify"))
        return _manage(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = confirm_enrolment(user=user, code=form.cleaned_data["code"])
        if codes is not None:
            _pass_second_step(request, TOTPDevice.objects.get(user=user, confirmed=True))
            return _recovery_codes(request, codes)
        form.add_error("code", WRONG_CODE)
    enrolment = start_enrolment(user=user)
    qr = segno.make(enrolment.address, error="m").svg_inline(scale=4, title=_("QR code"))
    context = {"form": form, "enrolment": enrolment, "qr": mark_safe(qr), "next": _next(request)}  # noqa: S308 - segno's own SVG of our address
    return TemplateResponse(request, "users/two_step_setup.html", context)


def two_step_verify(request):
    """The second step at sign-in: a code from the app, or a recovery code."""
    user = request.user
    if not has_two_factor(user):
        return redirect_to_login(_next(request), reverse("newsline_two_step_setup"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A paused user is told so, rather than that a right code is wrong.
        wait_until = retry_at(user)
        if wait_until is not None:
            form.add_error("code", _too_many(wait_until))
        elif device := verify(user=user, code=form.cleaned_data["code"]):
            _pass_second_step(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(request, _recovery_used_message(user))
            return redirect(_next(request))
        else:
            form.add_error("code", WRONG_CODE)
    context = {"form": form, "next": _next(request)}
    return TemplateResponse(request, "users/two_step_verify.html", context)


def _manage(request):
    """For a user who has passed the second step: new recovery codes, or
    turning two-step sign-in off where the outlet does not require it."""
    user = request.user
    if request.method == "POST" and request.POST.get("action") == "recovery-codes":
        return _recovery_codes(request, new_recovery_codes(user=user))
    if request.method == "POST" and request.POST.get("action") == "turn-off":
        if settings.NEWSLINE_REQUIRE_2FA:
            messages.error(request, _("This outlet requires two-step sign-in for everyone."))
        else:
            reset_two_factor(user=user)
            messages.success(request, _("Two-step sign-in is off."))
            return redirect("wagtailadmin_account")
    context = {"codes_left": recovery_codes_left(user), "required": settings.NEWSLINE_REQUIRE_2FA}
    return TemplateResponse(request, "users/two_step_manage.html", context)


def _recovery_codes(request, codes: list[str]):
    context = {"codes": codes, "next": _next(request)}
    return TemplateResponse(request, "users/two_step_codes.html", context)


def _pass_second_step(request, device) -> None:
    # A new session key at the moment the session gains power, as at sign-in.
    request.session.cycle_key()
    otp_login(request, device)


def _too_many(wait_until) -> str:
    seconds = max(1, int((wait_until - timezone.now()).total_seconds()) + 1)
    return _("Too many wrong codes. Try again in %(seconds)s seconds.") % {"seconds": seconds}


def _recovery_used_message(user) -> str:
    return _(
        "You signed in with a recovery code; it cannot be used again. %(left)s left: "
        "make new ones under Account → Two-step sign-in."
    ) % {"left": recovery_codes_left(user)}


def _next(request) -> str:
    """Where to go after the second step: the page asked for, when it is ours."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else reverse("wagtailadmin_home")
