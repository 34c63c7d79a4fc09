"""Page-cache hits answered before Django sees the request.

A hit needs no request object, no middleware and no database: this WSGI
wrapper answers it from the page cache with the stored headers, the page's
fragments put in from their own entries (``assembly.py``), and goes to Django
for everything else. The rules are the middleware's own (the same
functions), so the two cannot disagree; the middleware stays for what the
wrapper passes on and for servers that call Django directly.
"""

from django.utils.http import parse_etags

from . import assembly, store
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
                # A fragment not in the cache is rendered by Django, which has
                # the database; the hit here needs neither.
                found = assembly.cached_fragments(environ, entry.content)
                if found is not None:
                    return self._answer(environ, start_response, entry, found)
        return self.application(environ, start_response)

    def _answer(self, environ, start_response, entry, found):
        headers, content = entry.hit()
        if assembly.has_slots(content):
            content = assembly.assemble(environ, content, found)
            page_etag = dict(headers).get("ETag")
            headers = assembly.finish_headers(
                headers, content, assembly.etag(page_etag, environ, found)
            )
        if _is_unchanged(environ, headers):
            kept = [(k, v) for k, v in headers if k.lower() != "content-length"]
            start_response(REASONS[304], kept)
            return [b""]
        start_response(REASONS[entry.status], headers)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else content]
