"""Page-cache hits answered before Django sees the request.

A hit needs no request object, no middleware and no database: this WSGI
wrapper answers it from the page cache with the stored headers and goes to
Django for everything else. The rules are the middleware's own (the same
functions), so the two cannot disagree; the middleware stays for what the
wrapper passes on and for servers that call Django directly.
"""

from django.utils.http import parse_etags

from . import store
from .middleware import is_cacheable_request

REASONS = {200: "200 OK", 304: "304 Not Modified"}


def _is_unchanged(environ, headers) -> bool:
    wanted = environ.get("HTTP_IF_NONE_MATCH")
    if not wanted:
        return False
    etag = dict(headers).get("ETag")
    tags = parse_etags(wanted)
    return etag is not None and ("*" in tags or etag in tags)


class CachedPages:
    """Wrap a Django WSGI application; answer page-cache hits without it."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if is_cacheable_request(environ):
            entry = store.fetch(store.entry_key(environ))
            if entry is not None and entry.status in REASONS:
                return self._answer(environ, start_response, entry)
        return self.application(environ, start_response)

    def _answer(self, environ, start_response, entry):
        headers, content = entry.hit()
        if _is_unchanged(environ, headers):
            kept = [(k, v) for k, v in headers if k.lower() != "content-length"]
            start_response(REASONS[304], kept)
            return [b""]
        start_response(REASONS[entry.status], headers)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else content]
