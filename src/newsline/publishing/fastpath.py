"""Page-cache hits answered before Django sees the request.

A hit needs no request object, no middleware and no database: this WSGI
wrapper answers it from the page cache with the stored headers, the page's
fragments put in from their own entries (``assembly.py``), and goes to Django
for everything else. The rules are the middleware's own (the same
functions), so the two cannot disagree; the middleware stays for what the
wrapper passes on and for servers that call Django directly.

A hit costs one cache read when this process has current copies of the page
and its fragments (``store.Copies``): the purge sequence. The page put together
with its fragments is kept too (``Ready``), for as long as the copies it was made
from are current; only the age changes per hit.
"""

import time
from dataclasses import dataclass, replace

from django.utils.http import parse_etags

from newsline.core import filing, fragments

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


@dataclass(frozen=True)
class Ready:
    """A stored page as readers get it: its fragments in (or SSI directives), with
    its length and ETag.
    Made from copies current under ``sequence`` (None: from the shared cache)."""

    entry: store.Entry
    fragment_keys: tuple[tuple[str, str], ...]  # (address, page-cache key)
    fragments: tuple[store.Entry, ...]
    headers: tuple
    content: bytes
    sequence: int | None
    expires_at: float

    def is_current(self, sequence: int | None) -> bool:
        """Its copies are still current: the same reasoning as ``store.Copies``."""
        return sequence is not None and sequence == self.sequence and self.expires_at > time.time()

    def is_made_of(self, found: dict[str, store.Entry]) -> bool:
        """Made from exactly the fragment entries ``found`` (by identity: a copy
        is never changed, and a fresh read is a new object)."""
        return all(
            found.get(key) is fragment
            for (_, key), fragment in zip(self.fragment_keys, self.fragments, strict=True)
        )


class CachedPages:
    """Wrap a Django WSGI application; answer page-cache hits without it."""

    def __init__(self, application):
        self.application = application
        self.ready = store.recent()

    def __call__(self, environ, start_response):
        if is_cacheable_request(environ):
            sequence = filing.current_sequence()
            key = store.entry_key(environ)
            name = f"{key}|ssi" if fragments.wants_directives(environ) else key
            ready = self.ready.get(name)
            if ready is None or not ready.is_current(sequence):
                ready = self._ready(environ, key, name, sequence, known=ready)
            if ready is not None:
                return self._answer(environ, start_response, ready)
        return self.application(environ, start_response)

    def _ready(self, environ, key: str, name: str, sequence, *, known) -> Ready | None:
        """The page ready to send, from current copies or the shared cache; None
        when it or a fragment is not cached (Django renders it: it has the
        database, the hit here needs neither)."""
        entry = store.fetch(key, sequence)
        if entry is None or entry.status not in REASONS:
            return None
        if known is not None and known.entry is entry:
            keys = known.fragment_keys  # the same page: the same slots
        else:
            known = None
            keys = tuple(assembly.fragment_keys(environ, entry.content).items())
        found = store.fetch_many([key for _, key in keys], sequence) if keys else {}
        if known is not None and known.is_made_of(found):
            ready = replace(known, sequence=sequence)
        else:
            ready = _made_ready(environ, entry, keys, found, sequence)
        if ready is not None:
            self.ready.put(name, ready, len(ready.content))
        return ready

    def _answer(self, environ, start_response, ready: Ready):
        headers, content = store.as_hit(ready.headers, ready.content, ready.entry.stored_at)
        if _is_unchanged(environ, headers):
            kept = [(k, v) for k, v in headers if k.lower() != "content-length"]
            start_response(REASONS[304], kept)
            return [b""]
        start_response(REASONS[ready.entry.status], headers)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else content]


def _made_ready(environ, entry: store.Entry, keys: tuple, found: dict, sequence) -> Ready | None:
    """``entry`` with the fragments ``found`` under ``keys`` put in; None when one
    is missing or not a 200 (Django renders it then)."""
    bodies = {}
    for path, key in keys:
        fragment = found.get(key)
        if fragment is None or fragment.status != 200:
            return None
        bodies[path] = fragment.content
    headers, content = list(entry.headers), entry.content
    if assembly.has_slots(content):
        content = assembly.assemble(environ, content, bodies)
        page_etag = dict(headers).get("ETag")
        new_etag = assembly.etag(page_etag, environ, bodies)
        headers = assembly.finish_headers(headers, content, new_etag)
    fragment_entries = tuple(found[key] for _, key in keys)
    expiry = min(part.expires_at or 0.0 for part in (entry, *fragment_entries))
    return Ready(entry, keys, fragment_entries, tuple(headers), content, sequence, expiry)
