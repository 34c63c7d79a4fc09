"""The security headers of readers' responses, and leaving them to the edge.

Every reader response carries the same security headers (``core/csp.py``,
``core/middleware.py``, Django's security and clickjacking middlewares). nginx
keeps a cached page's headers with it and reads them again on every hit, about
twelve instructions a byte, and these are two thirds of a page's headers. With
``NEWSLINE_EDGE_HEADERS`` on, the shipped nginx adds them itself (the lines
``newsline edge_headers`` writes from these very settings) and the app leaves
them out of every response outside the admin, so stored pages are stored
without them (decision 0035). A response that sets a header of its own (a
document's sandboxing policy) keeps it: only the readers' standard value is left
to the edge. The admin is not behind nginx's cache and keeps all of its own.
"""

from functools import cache

from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from .addresses import is_admin


@cache
def reader_headers() -> tuple[tuple[str, str], ...]:
    """The security headers every reader response carries, as the middlewares set
    them (a test holds the two together); HSTS stays with the app: it belongs to
    https responses only. Worked out once per process (25 µs, on every response
    the app renders with the edge on), again when a test changes a setting."""
    headers = [
        ("Content-Security-Policy", _reader_policy()),
        ("Permissions-Policy", settings.NEWSLINE_PERMISSIONS_POLICY),
        ("X-Frame-Options", getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()),
    ]
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        headers.append(("Referrer-Policy", _listed(settings.SECURE_REFERRER_POLICY)))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    return tuple(headers)


@receiver(setting_changed)
def _settings_changed(**kwargs) -> None:
    reader_headers.cache_clear()


def _reader_policy() -> str:
    """The readers' policy, its directives in the settings' order (django-csp
    writes them in a set's order, which differs between processes)."""
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    built = dict(_directive(part) for part in build_policy(config=directives).split("; "))
    return "; ".join(f"{name} {built[name]}".strip() for name in directives if name in built)


def _directive(text: str) -> tuple[str, str]:
    name, _, value = text.strip().partition(" ")
    return name, value


def _listed(value) -> str:
    if isinstance(value, str):
        return ",".join(part.strip() for part in value.split(","))
    return ",".join(value)


def is_same(name: str, sent: str, standard: str) -> bool:
    """Whether header ``name`` as ``sent`` says what the readers' ``standard``
    says (a policy's directives in any order)."""
    if name.lower() == "content-security-policy":
        return sorted(map(_directive, sent.split(";"))) == sorted(
            map(_directive, standard.split(";"))
        )
    return sent == standard


def leaves_to_edge(request) -> bool:
    """Whether the edge adds the readers' security headers to this response."""
    return settings.NEWSLINE_EDGE_HEADERS and not is_admin(request.path_info)


def leave_to_edge(response) -> None:
    """``response`` without the readers' standard security headers."""
    for name, standard in reader_headers():
        if name in response and is_same(name, response[name], standard):
            del response[name]


class EdgeHeadersMiddleware:
    """Readers' security headers left to the edge (``NEWSLINE_EDGE_HEADERS``).
    Inside the page cache and outside every middleware that sets them, so a page
    is stored, and sent on every hit, without them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if leaves_to_edge(request):
            leave_to_edge(response)
        return response


def nginx_lines() -> str:
    """The readers' security headers as nginx ``add_header`` lines."""
    lines = []
    for name, value in reader_headers():
        if any(char in value for char in '"\\$\n\r'):
            raise ValueError(f"{name} cannot be written for nginx as it is: {value!r}")
        lines.append(f'add_header {name} "{value}" always;')
    return "\n".join(lines) + "\n"
