"""Pages put together with their fragments on the way out (``core/fragments.py``).

A page is stored with slots where the News line and the breaking banner go.
Behind the shipped nginx the slots leave as SSI directives and nginx fetches
each fragment (from its own cache, one second at most); served alone, Newsline
fills them here from the fragments' own page-cache entries: the fragment's
response body, byte for byte what nginx would have put in.

The ETag a reader gets names the page and the fragments together, so a
revalidation after a fragment changed is a full answer, not a 304.
"""

import hashlib
import io
from collections.abc import Callable

from django.utils.http import quote_etag

from newsline.core import fragments

from . import store

# What a fragment's request does not inherit from the page's: it is fetched as
# an anonymous reader would, whoever asked for the page.
NOT_INHERITED = (
    "HTTP_COOKIE",
    "HTTP_AUTHORIZATION",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "CONTENT_TYPE",
)


def fragment_environ(environ, path: str) -> dict:
    """The WSGI environ of a fragment's request, made from the page's."""
    sub = {key: value for key, value in environ.items() if key not in NOT_INHERITED}
    sub.update(
        {
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "REQUEST_METHOD": "GET",
            "CONTENT_LENGTH": "0",
            "wsgi.input": io.BytesIO(b""),
        }
    )
    return sub


def has_slots(content: bytes) -> bool:
    return b"<!--newsline-slot " in content


def fragment_keys(environ, content: bytes) -> dict[str, str]:
    """The page-cache key of each fragment a stored page names, by address; none
    when nginx puts them in."""
    if fragments.wants_directives(environ) or not has_slots(content):
        return {}
    return {
        path: store.entry_key(fragment_environ(environ, path)) for path in fragments.slots(content)
    }


def fetched_fragments(environ, content: bytes, fetch: Callable[[str], bytes | None]) -> dict:
    """The fragments a page names, each from ``fetch(path)`` (None: left empty)."""
    if fragments.wants_directives(environ) or not has_slots(content):
        return {}
    found = {}
    for path in fragments.slots(content):
        body = fetch(path)
        if body is not None:
            found[path] = body
    return found


def assemble(environ, content: bytes, found: dict[str, bytes]) -> bytes:
    """The body a reader gets: slots filled, or made SSI directives for nginx."""
    if not has_slots(content):
        return content
    if fragments.wants_directives(environ):
        return fragments.as_directives(content)
    return fragments.fill(content, found)


def etag(page_etag: str | None, environ, found: dict[str, bytes]) -> str | None:
    """An ETag for the page with these fragments (the page's own when it has none)."""
    if page_etag is None or not (found or fragments.wants_directives(environ)):
        return page_etag
    digest = hashlib.md5(page_etag.encode(), usedforsecurity=False)
    if fragments.wants_directives(environ):
        digest.update(b"|ssi")
    for path in sorted(found):
        digest.update(b"|" + path.encode() + b"|" + found[path])
    return quote_etag(digest.hexdigest())


def finish_headers(headers, body: bytes, new_etag: str | None) -> list[tuple[str, str]]:
    """Stored headers for an assembled body: its length and ETag."""
    kept = [(k, v) for k, v in headers if k.lower() not in ("content-length", "etag")]
    if new_etag:
        kept.append(("ETag", new_etag))
    kept.append(("Content-Length", str(len(body))))
    return kept
