"""Content-Security-Policy for every response (django-csp).

Readers' pages: scripts only from the site itself (no inline script runs: the
News line's and live coverage's scripts are files, JSON-LD is data), no plugins,
no framing, forms and the base address pinned to the site. The policy is the
same for every reader response, so a cached page carries it as it is and an edge
may send it instead (decision 0035). The admin gets its own, looser policy: Wagtail's
admin still runs inline scripts. Responses that set their own policy (documents,
media) keep it.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings

from .addresses import is_admin


class PolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policy under ``/admin/``."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin(request.path_info):
            parts.config = settings.NEWSLINE_ADMIN_CSP
        return parts
