"""Response headers every page carries, cached pages included, and what a
reader's request may not do."""

from django.conf import settings
from django.utils.cache import patch_cache_control

from . import outlet, renditions
from .addresses import is_admin


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
        if is_admin(request.path_info) or getattr(request, "is_dummy", False):
            return self.get_response(request)
        with renditions.for_readers() as showed_pending:
            response = self.get_response(request)
            if showed_pending():
                patch_cache_control(response, no_cache=True)
        return response


class ReaderSiteMiddleware:
    """Outside the admin, the request's site is the one this process remembers
    (``outlet.site_for``) before any view asks Wagtail, whose lookup is a query
    built anew each time: the News line, the archive and every other page not
    routed through ``news/routing.py`` paid it on each render (2.7 ms of CPU on
    a slow machine). The admin keeps Wagtail's own lookup: a site edited there is
    seen at once in every process."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_admin(request.path_info):
            outlet.site_for(request)
        return self.get_response(request)
