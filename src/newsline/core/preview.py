"""Previews without building the middleware chain anew for each one.

Wagtail's ``make_preview_request`` makes a handler class per call and loads
every middleware into it (``load_middleware``): for this site that was about as
much work as rendering the page, on every keystroke the preview panel sends.
The handler here is built once per process and finds the page and the mode on
the request. The dummy request, the middleware the preview passes through and
the response (private, never cached) are Wagtail's own.
"""

import threading

from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.utils.cache import patch_cache_control


class _PreviewHandler(BaseHandler):
    def _get_response(self, request):
        request.is_preview = True
        request.preview_mode = request.newsline_preview_mode
        response = request.newsline_preview_object.serve_preview(request, request.preview_mode)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        patch_cache_control(response, private=True)
        return response


_handler: _PreviewHandler | None = None
_handler_lock = threading.Lock()


def _preview_handler() -> _PreviewHandler:
    global _handler
    with _handler_lock:
        if _handler is None:
            handler = _PreviewHandler()
            handler.load_middleware()
            _handler = handler
    return _handler


class PreviewWithSharedHandler:
    """Wagtail's ``PreviewableMixin.make_preview_request``, with one handler per
    process instead of one per preview (same arguments, same response)."""

    def make_preview_request(
        self, original_request=None, preview_mode=None, extra_request_attrs=None
    ):
        request = WSGIRequest(self._get_dummy_headers(original_request))
        request.is_dummy = True  # the flag Wagtail sets for middleware
        for name, value in (extra_request_attrs or {}).items():
            setattr(request, name, value)
        request.newsline_preview_object = self
        request.newsline_preview_mode = preview_mode
        return _preview_handler().get_response(request)
