"""Response headers every page carries, cached pages included, and what a
reader's request may not do."""

from django.conf import settings
from django.utils.cache import patch_cache_control

from . import renditions


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


class ReaderPicturesMiddleware:
    """Outside the admin, a rendition not made yet is a placeholder, never made in
    the request (``core/renditions.py``); a response showing one is not cached by
    us, nginx or a CDN, so the next reader gets the real picture. Inside the page
    cache, which then leaves the response unstored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Wagtail's previews pass a dummy request for the page's own address.
        if request.path_info.startswith("/admin/") or getattr(request, "is_dummy", False):
            return self.get_response(request)
        with renditions.for_readers() as showed_pending:
            response = self.get_response(request)
            if showed_pending():
                patch_cache_control(response, no_cache=True)
        return response
