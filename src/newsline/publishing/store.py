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

import base64
import contextlib
import functools
import hashlib
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language_from_path

from newsline.core import csp, filing, surrogate
from newsline.core.filing import PURGE_SEQUENCE

logger = logging.getLogger("newsline.publishing")

PREFIX = "newsline:page:"
# A stored page carries the slot in place of its render's CSP nonce, and every
# hit gets a fresh nonce in its place.
NONCE_SLOT = csp.NONCE_SLOT
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
        """The headers and body a hit is sent with: those stored, with a fresh CSP
        nonce, its age, and nginx's one-second expiry."""
        return as_hit(self.headers, self.content.split(NONCE_SLOT.encode()), self.stored_at)

    def size(self) -> int:
        """About the bytes it holds in memory."""
        return len(self.content) + sum(len(name) + len(value) for name, value in self.headers)


def as_hit(headers, parts: list[bytes], stored_at: float) -> tuple[list[tuple[str, str]], bytes]:
    """Stored ``headers`` and a body split at its nonce slots (``parts``), as a
    hit is sent: with a fresh CSP nonce, its age, and nginx's one-second expiry."""
    nonce = base64.b64encode(os.urandom(16)).decode("ascii")
    sent = [(name, value.replace(NONCE_SLOT, nonce)) for name, value in headers]
    sent += [("Age", str(int(time.time() - stored_at))), ("X-Cache", "HIT"), nginx_expiry()]
    return sent, nonce.encode().join(parts)


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
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    return _entry_key(host, environ.get("PATH_INFO", "/"), environ.get("QUERY_STRING", ""))


# The same few addresses are asked for again and again; the bound keeps a flood of
# made-up ones from growing it.
@functools.lru_cache(maxsize=4096)
def _entry_key(host: str, path: str, query: str) -> str:
    language = get_language_from_path(path) or "-"
    raw = f"{host}|{language}|{path}|{normalised_query(query)}"
    return PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def current_sequence() -> int | None:
    """The purge sequence for ``fetch``'s copies, read once per request; None
    when no copy may be trusted: the cache is unreadable, or it has no sequence
    (Redis's fallback in this process has none, and a cleared cache starts a new
    one at a random value, so it never repeats one that copies were read under)."""
    try:
        sequence = _cache().get(PURGE_SEQUENCE)
    except Exception:
        logger.warning("Page cache unreadable", exc_info=True)
        return None
    if sequence is None:
        # Through the purge alias, which has no fallback: nothing while Redis is down.
        with contextlib.suppress(Exception):
            caches["purge"].add(PURGE_SEQUENCE, _fresh_sequence(), timeout=None)
    return sequence


def _fresh_sequence() -> int:
    return secrets.randbelow(2**62)


def fetch(key: str, sequence: int | None = None) -> Entry | None:
    """The stored response, unless one of its keys was purged since; None also
    when the cache cannot be read (the reader gets a fresh render). With the
    ``current_sequence()``, this process's copy when it is still current."""
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
        COPIES.keep(key, sequence, entry)
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
            COPIES.keep(key, sequence, entry)
        if entry is not None:
            found[key] = entry
    return found


class Recent:
    """What this process used lately, least recently used going first beyond
    ``NEWSLINE_PAGE_COPIES`` values or ``NEWSLINE_PAGE_COPIES_BYTES``; safe to
    share between a server's threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._values: OrderedDict[str, tuple[object, int]] = OrderedDict()
        self._bytes = 0

    def get(self, key: str):
        with self._lock:
            found = self._values.get(key)
            if found is None:
                return None
            self._values.move_to_end(key)
            return found[0]

    def put(self, key: str, value, size: int) -> None:
        room, most = settings.NEWSLINE_PAGE_COPIES_BYTES, settings.NEWSLINE_PAGE_COPIES
        with self._lock:
            self._forget(key)
            if size > room // 4 or most < 1:  # one huge page must not empty the rest
                return
            self._values[key] = (value, size)
            self._bytes += size
            while len(self._values) > most or self._bytes > room:
                self._forget(next(iter(self._values)))

    def forget(self, key: str) -> None:
        with self._lock:
            self._forget(key)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._bytes = 0

    def _forget(self, key: str) -> None:
        found = self._values.pop(key, None)
        if found is not None:
            self._bytes -= found[1]


class Copies:
    """Entries this process read lately, each with the purge sequence it was read
    under (kept in a ``Recent``).

    A copy is current while the sequence reads the same and the entry has not
    expired: every purge bumps the sequence after writing its keys' versions, and
    the sequence is read before the entry, so a purge that finished after a copy
    was read has moved it. A purge is thus seen by every process at its next
    request, as without copies.
    """

    def __init__(self):
        self._recent = Recent()

    def get(self, key: str, sequence: int) -> Entry | None:
        copy = self._recent.get(key)
        if copy is None or copy[0] != sequence or copy[1].expires_at <= time.time():
            return None
        return copy[1]

    def keep(self, key: str, sequence: int, entry: Entry | None) -> None:
        """Keep ``entry`` as read under ``sequence`` (None: forget the key)."""
        if entry is None or entry.expires_at is None:
            self._recent.forget(key)
        else:
            self._recent.put(key, (sequence, entry), entry.size())

    def clear(self) -> None:
        self._recent.clear()


COPIES = Copies()


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
    cache.add(PURGE_SEQUENCE, _fresh_sequence(), timeout=None)
    cache.incr(PURGE_SEQUENCE)  # before the versions: for ``save``
    token = time.time_ns()
    cache.set_many({surrogate.VERSION_PREFIX + key: token for key in keys}, timeout=None)
    cache.incr(PURGE_SEQUENCE)  # after them: for ``Copies``
