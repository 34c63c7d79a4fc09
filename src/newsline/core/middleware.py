"""Response headers every page carries, cached pages included."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """``Permissions-Policy``: the browser features no page of the outlet uses are
    off for the page and anything it embeds (Django's SecurityMiddleware sets the
    other security headers). Inside the page cache, so stored pages keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.NEWSLINE_PERMISSIONS_POLICY)
        return response
