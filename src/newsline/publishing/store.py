"""The page cache: whole responses filed under the surrogate keys they show.

Purging a key does not hunt for the entries filed under it. Each key has a
version (a token in the cache); an entry remembers the versions of its keys
when it was stored, and a hit whose keys have moved on is a miss. So a purge
is one ``set_many`` whatever the number of pages, any Django cache backend
works, and the check costs one ``get_many`` per hit.
"""

import base64
import hashlib
import logging
import os
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language_from_path

from newsline.core import surrogate

logger = logging.getLogger("newsline.publishing")

PREFIX = "newsline:page:"
# A stored page carries this in place of its render's CSP nonce, and every hit
# gets a fresh nonce in its place: a nonce served to every reader would be no
# secret. Same length as django-csp's nonces, so Content-Length holds.
NONCE_SLOT = "newsline-nonce-slot-0000"
# Bumped by every purge; a render that overlapped a purge is not stored, since
# it may show what the purge was meant to remove.
PURGE_SEQUENCE = "newsline:purges"


@dataclass(frozen=True)
class Entry:
    status: int
    headers: tuple
    content: bytes
    keys: tuple
    versions: tuple
    stored_at: float

    def hit(self) -> tuple[list[tuple[str, str]], bytes]:
        """The headers and body a hit is sent with: those stored, with a fresh CSP
        nonce, its age, and nginx's one-second expiry."""
        nonce = base64.b64encode(os.urandom(16)).decode("ascii")
        headers = [(name, value.replace(NONCE_SLOT, nonce)) for name, value in self.headers]
        headers += [
            ("Age", str(int(time.time() - self.stored_at))),
            ("X-Cache", "HIT"),
            nginx_expiry(),
        ]
        return headers, self.content.replace(NONCE_SLOT.encode(), nonce.encode())


def with_nonce_slot(value, nonce: str | None):
    """``value`` (text or bytes) with the render's nonce replaced by the slot."""
    if not nonce:
        return value
    if isinstance(value, bytes):
        return value.replace(nonce.encode(), NONCE_SLOT.encode())
    return value.replace(nonce, NONCE_SLOT)


def nginx_expiry() -> tuple[str, str]:
    """nginx ignores s-maxage (meant for CDNs that purge) and counts whole seconds;
    an absolute expiry at the end of the current second keeps a page there at most
    one second, so a publication shows through nginx within a second
    (docs/deploy/nginx.conf). Sent with every cacheable response, never stored."""
    return ("X-Accel-Expires", f"@{int(time.time())}")


def _cache():
    return caches["default"]


def is_ignored_parameter(name: str) -> bool:
    ignored = settings.NEWSLINE_IGNORED_QUERY_PARAMETERS
    return any(name == rule or (rule.endswith("_") and name.startswith(rule)) for rule in ignored)


def normalised_query(query_string: str) -> str:
    """The query string without tracking parameters, in a stable order."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(sorted((k, v) for k, v in pairs if not is_ignored_parameter(k)))


def entry_key(environ) -> str:
    """Host, language, path and the meaningful query parameters of a WSGI
    environ (``request.META``); never the method (HEAD is answered from the GET
    entry) and never a tracking parameter. A forged Host only ever misses: an
    entry is stored after Django has accepted the host."""
    path = environ.get("PATH_INFO", "/")
    language = get_language_from_path(path) or "-"
    query = normalised_query(environ.get("QUERY_STRING", ""))
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    raw = f"{host}|{language}|{path}|{query}"
    return PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def purge_sequence() -> int | None:
    """None when the cache cannot be read: nothing rendered now is then stored."""
    try:
        return _cache().get(PURGE_SEQUENCE, 0)
    except Exception:  # a busy disk cache or a broken backend is a miss, never a 500
        logger.warning("Page cache unreadable", exc_info=True)
        return None


def fetch(key: str) -> Entry | None:
    """The stored response, unless one of its keys was purged since; None also
    when the cache cannot be read (the reader gets a fresh render)."""
    try:
        entry = _cache().get(key)
        if entry is None or surrogate.versions(entry.keys) != entry.versions:
            return None
    except Exception:
        logger.warning("Page cache unreadable", exc_info=True)
        return None
    return entry


def fetch_many(keys: list[str]) -> dict[str, Entry]:
    """The stored responses of ``keys`` that are still current, in two cache reads
    whatever their number (entries, then all their keys' versions); an unreadable
    cache finds none."""
    try:
        entries = _cache().get_many(keys)
        wanted = sorted({name for entry in entries.values() for name in entry.keys})
        current = dict(zip(wanted, surrogate.versions(wanted), strict=True))
    except Exception:
        logger.warning("Page cache unreadable", exc_info=True)
        return {}
    return {
        key: entry
        for key, entry in entries.items()
        if tuple(current[name] for name in entry.keys) == entry.versions
    }


def save(key: str, *, status, headers, content, keys, sequence_before: int, timeout: int):
    """Store a response rendered after ``sequence_before`` was read, unless a purge
    ran meanwhile. Versions are read before the sequence; ``purge`` bumps the
    sequence before the versions, so no order of the two leaves a stale entry."""
    keys = tuple(sorted(keys))
    try:
        versions = surrogate.versions(keys)
        if sequence_before is None or purge_sequence() != sequence_before:
            return False
        entry = Entry(status, tuple(headers), content, keys, versions, time.time())
        _cache().set(key, entry, timeout)
    except Exception:
        logger.warning("Page cache unwritable", exc_info=True)
        return False
    return True


def purge(keys) -> None:
    """Drop every stored page that shows anything ``keys`` name. Raises if the
    cache cannot be reached (the caller retries; readers meanwhile miss)."""
    if not keys:
        return
    cache = caches["purge"]
    cache.add(PURGE_SEQUENCE, 0, timeout=None)
    cache.incr(PURGE_SEQUENCE)
    token = time.time_ns()
    cache.set_many({surrogate.VERSION_PREFIX + key: token for key in keys}, timeout=None)
