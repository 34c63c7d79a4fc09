"""Two-step sign-in: an authenticator app (TOTP) and single-use recovery codes.

Built on django-otp's devices: one confirmed ``TOTPDevice`` per user (the app)
and one ``StaticDevice`` holding the recovery codes. Both throttle wrong codes
themselves (each failure doubles the wait), so guessing a code costs more with
every try.
"""

import re
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
_APP_CODE = re.compile(r"\d{6}")


@dataclass(frozen=True)
class Enrolment:
    """What a user needs to add the outlet to their authenticator app."""

    device: TOTPDevice
    secret: str
    """The key in base32, grouped by four for typing."""
    address: str
    """The ``otpauth://`` address the QR code carries."""


def has_two_factor(user) -> bool:
    """Whether ``user`` has finished setting up two-step sign-in."""
    return user_has_device(user, confirmed=True)


def must_set_up(user) -> bool:
    """Whether the outlet requires a second step of ``user`` that they lack: with
    ``NEWSLINE_REQUIRE_2FA``, everyone who may open the admin."""
    return (
        settings.NEWSLINE_REQUIRE_2FA
        and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
        and not has_two_factor(user)
    )


def start_enrolment(*, user) -> Enrolment:
    """The user's unconfirmed app device, made on first asking and reused on a
    reload, so the QR code they may already have scanned stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    secret = b32encode(device.bin_key).decode()
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return Enrolment(device=device, secret=grouped, address=device.config_url)


@transaction.atomic
def confirm_enrolment(*, user, code: str) -> list[str] | None:
    """Confirm the app with a code it shows; returns fresh recovery codes, or
    None when the code does not match (nothing changes then)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(_digits(code)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user=user)


@transaction.atomic
def new_recovery_codes(*, user) -> list[str]:
    """Replace the user's recovery codes; the old ones stop working at once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def verify(*, user, code: str) -> Device | None:
    """The device that accepts ``code``: six digits go to the app, anything else
    to the recovery codes (which are used up). None when nothing accepts it."""
    code = code.strip().replace(" ", "").replace("-", "").lower()
    if _APP_CODE.fullmatch(code):
        candidates = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        candidates = StaticDevice.objects.filter(user=user, confirmed=True)
    # Locked, so two requests racing with one code cannot both be let in.
    for device in candidates.select_for_update():
        if device.verify_token(code):
            return device
    return None


def retry_at(user) -> datetime | None:
    """When a throttled user may try a code again (None: now)."""
    waits = []
    for device in devices_for_user(user, confirmed=True):
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            waits.append(details["locked_until"])
    later = [when for when in waits if when > timezone.now()]
    return max(later) if later else None


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def reset_two_factor(*, user) -> int:
    """Remove every device of ``user`` (a lost phone): they set up again at their
    next sign-in. Returns how many devices were removed."""
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    return removed


def _digits(code: str) -> str:
    return code.strip().replace(" ", "")
