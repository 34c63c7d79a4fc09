"""Sign-in throttling (django-axes): who is counted, and what a locked-out person reads.

Failures are counted per username *and* address together, so nobody can lock a
colleague out by typing their name from elsewhere; after ``AXES_FAILURE_LIMIT``
failures that pair waits ``AXES_COOLOFF_TIME``. Counts live in the cache (no
database write per failed attempt), and a refused attempt is answered before the
password is checked, so hammering the form costs a cache read per try.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def client_ip(request) -> str:
    """The address the attempt came from: behind the shipped nginx (production),
    the last one it added to X-Forwarded-For; otherwise the connection's."""
    if settings.NEWSLINE_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request, original_response=None, credentials=None):
    """429, saying why and when to try again, in the admin's own dress."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Too many failed sign-in attempts for this user from this address. "
        "Try again in %(minutes)s minutes, or ask an administrator to reset your password."
    ) % {"minutes": minutes}
    response = TemplateResponse(request, "users/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response.render()  # axes hands it back from its middleware, past rendering
