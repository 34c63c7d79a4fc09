"""Content-Security-Policy for every response (django-csp).

Readers' pages: scripts only from the site itself or carrying the response's
nonce (the News line script, JSON-LD), no plugins, no framing, forms and the
base address pinned to the site. The admin gets its own, looser policy: Wagtail's
admin still runs inline scripts. Responses that set their own policy (documents,
media) keep it.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIX = "/admin/"
# What a kept render (a stored page, a filed part: ``core/parts.py``) carries in
# place of its response's nonce; each response gets its own nonce there: a nonce
# served to every reader would be no secret. Same length as django-csp's nonces,
# so a stored page's Content-Length holds.
NONCE_SLOT = "newsline-nonce-slot-0000"


class PolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policy under ``/admin/``."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = settings.NEWSLINE_ADMIN_CSP
        return parts
