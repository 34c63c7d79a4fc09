"""The page cache: whole responses filed under the surrogate keys they show.

Purging a key does not hunt for the entries filed under it. Each key has a
version (a token in the cache); an entry remembers the versions of its keys
when it was stored, and a hit whose keys have moved on is a miss. So a purge
is one ``set_many`` whatever the number of pages, and any Django cache backend
works.

Each process also keeps copies of the entries it served lately (``Copies``),
each with the purge sequence it was read under. While that shared counter has
not moved, no purge has finished since, and a copy is served after one cache
read (the counter); once it moves, the entry and its keys' versions are read
again, as without copies.
"""

import functools
import hashlib
import logging
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language_from_path

from newsline.core import filing, surrogate
from newsline.core.copies import Copies, Recent
from newsline.core.filing import PURGE_SEQUENCE

logger = logging.getLogger("newsline.publishing")

PREFIX = "newsline:page:"
# The purge sequence (``core/filing.py``) also says when a process's copies may be
# trusted: only while it has not moved (``Copies``).


@dataclass(frozen=True)
class Entry:
    status: int
    headers: tuple
    content: bytes
    keys: tuple
    versions: tuple
    stored_at: float
    # When the shared cache drops it; None in entries stored before copies existed,
    # which are then never copied.
    expires_at: float | None = None

    def hit(self) -> tuple[list[tuple[str, str]], bytes]:
        """The headers and body a hit is sent with: those stored, with its age and
        nginx's one-second expiry."""
        return as_hit(self.headers, self.content, self.stored_at)

    def size(self) -> int:
        """About the bytes it holds in memory."""
        return len(self.content) + sum(len(name) + len(value) for name, value in self.headers)


def as_hit(headers, content: bytes, stored_at: float) -> tuple[list[tuple[str, str]], bytes]:
    """Stored ``headers`` and ``content`` as a hit is sent: with its age and nginx's
    one-second expiry."""
    sent = [*headers, ("Age", str(int(time.time() - stored_at))), ("X-Cache", "HIT")]
    return [*sent, nginx_expiry()], content


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
    entry is stored after Django has accepted the host. Named by the release, as
    filed parts are: after an upgrade no reader gets a page the code before it
    rendered (whose markup, headers or nonce slots this code no longer makes).
    Processes that leave the
    security headers to the edge (``core/edge.py``) store their own entries: they
    share a cache with processes that send them (a site's admin host, a bench's
    app alone beside the one behind nginx)."""
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    path, query = environ.get("PATH_INFO", "/"), environ.get("QUERY_STRING", "")
    return _entry_key(host, path, query, settings.NEWSLINE_EDGE_HEADERS)


# The same few addresses are asked for again and again; the bound keeps a flood of
# made-up ones from growing it.
@functools.lru_cache(maxsize=4096)
def _entry_key(host: str, path: str, query: str, edge_headers: bool) -> str:
    language = get_language_from_path(path) or "-"
    raw = f"{filing.release_digest()}|{host}|{language}|{path}|{normalised_query(query)}"
    if edge_headers:
        raw += "|edge-headers"
    return PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def fetch(key: str, sequence: int | None = None) -> Entry | None:
    """The stored response, unless one of its keys was purged since; None also
    when the cache cannot be read (the reader gets a fresh render). With the
    ``filing.current_sequence()``, this process's copy when it is still current."""
    if sequence is not None and (copy := COPIES.get(key, sequence)) is not None:
        return copy
    try:
        entry = _cache().get(key)
        if entry is None or surrogate.versions(entry.keys) != entry.versions:
            entry = None
    except Exception:
        logger.warning("Page cache unreadable", exc_info=True)
        return None
    if sequence is not None:
        COPIES.keep(key, sequence, entry, entry.size() if entry else 0)
    return entry


def fetch_many(keys: list[str], sequence: int | None = None) -> dict[str, Entry]:
    """The stored responses of ``keys`` that are still current, in two cache reads
    whatever their number (entries, then all their keys' versions), none for
    those this process has current copies of (``sequence`` as for ``fetch``); an
    unreadable cache finds none."""
    found = {}
    if sequence is not None:
        found = {key: copy for key in keys if (copy := COPIES.get(key, sequence)) is not None}
    wanted = [key for key in keys if key not in found]
    if not wanted:
        return found
    try:
        entries = filing.still_current(_cache().get_many(wanted))
    except Exception:
        logger.warning("Page cache unreadable", exc_info=True)
        return found
    for key in wanted:
        entry = entries.get(key)
        if sequence is not None:
            COPIES.keep(key, sequence, entry, entry.size() if entry else 0)
        if entry is not None:
            found[key] = entry
    return found


def _page_copies() -> int:
    return settings.NEWSLINE_PAGE_COPIES


def _page_copies_bytes() -> int:
    return settings.NEWSLINE_PAGE_COPIES_BYTES


def recent() -> Recent:
    """A ``Recent`` bounded as the page copies are (``NEWSLINE_PAGE_COPIES``,
    ``NEWSLINE_PAGE_COPIES_BYTES``)."""
    return Recent(_page_copies, _page_copies_bytes)


# Entries this process read lately (``core/copies.py``): a hit whose copy is
# current costs one cache read, the purge sequence.
COPIES = Copies(_page_copies, _page_copies_bytes)


def save(key: str, *, status, headers, content, keys, sequence_before: int, timeout: int):
    """Store a response rendered after ``sequence_before`` was read, unless a purge
    ran meanwhile (``filing.versions_unless_purged``)."""
    keys = tuple(sorted(keys))
    try:
        versions = filing.versions_unless_purged(keys, sequence_before)
        if versions is None:
            return False
        now = time.time()
        entry = Entry(status, tuple(headers), content, keys, versions, now, now + timeout)
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
    cache.add(PURGE_SEQUENCE, filing.fresh_sequence(), timeout=None)
    cache.incr(PURGE_SEQUENCE)  # before the versions: for ``save``
    token = time.time_ns()
    cache.set_many({surrogate.VERSION_PREFIX + key: token for key in keys}, timeout=None)
    cache.incr(PURGE_SEQUENCE)  # after them: for ``Copies``
