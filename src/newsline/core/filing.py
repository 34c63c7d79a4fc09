"""Values kept in the shared cache under the surrogate keys of what they show.

A value built from published content (a story's feed entry, a whole page) is
filed with the current version of each key it names (``core/surrogate.py``);
purging any of those keys (``publishing``) makes it a miss. So a value is
never served after a change to what it shows, without anyone enumerating
values to drop them.

A shared counter, the purge sequence, is bumped before and after every purge
writes its keys' versions. A value built after the sequence was read is filed
only if the sequence still reads the same: one that overlapped a purge may
show what the purge removed. Each process keeps copies of the values it read,
current while the sequence reads the same (``core/copies.py``): a render whose
values are all copies reads the sequence alone.
"""

import contextlib
import hashlib
import logging
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.cache import caches

from . import renditions, surrogate
from .copies import Copies

logger = logging.getLogger("newsline.publishing")

PURGE_SEQUENCE = "newsline:purges"
# Newsline's own files, whose digest names the release.
PACKAGE = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Filed:
    value: object
    keys: tuple
    versions: tuple
    # When the shared cache drops it; None in values filed before copies existed,
    # which are then never copied.
    expires_at: float | None = None


# Values this process read lately; settings read on use (tests change them).
COPIES = Copies(
    lambda: settings.NEWSLINE_FILED_COPIES, lambda: settings.NEWSLINE_FILED_COPIES_BYTES
)


def _cache():
    return caches["default"]


def purge_sequence() -> int | None:
    """None when the cache cannot be read: nothing built now is then filed."""
    try:
        return _cache().get(PURGE_SEQUENCE, 0)
    except Exception:  # a busy disk cache or a broken backend is a miss, never a 500
        logger.warning("Page cache unreadable", exc_info=True)
        return None


def current_sequence() -> int | None:
    """The purge sequence copies are kept and trusted under, read once per use;
    None when no copy may be trusted: the cache is unreadable, or it has no
    sequence (Redis's fallback in this process has none, and a cleared cache
    starts a new one at a random value, so it never repeats one that copies were
    read under)."""
    try:
        sequence = _cache().get(PURGE_SEQUENCE)
    except Exception:
        logger.warning("Page cache unreadable", exc_info=True)
        return None
    if sequence is None:
        # Through the purge alias, which has no fallback: nothing while Redis is down.
        with contextlib.suppress(Exception):
            caches["purge"].add(PURGE_SEQUENCE, fresh_sequence(), timeout=None)
    return sequence


def fresh_sequence() -> int:
    return secrets.randbelow(2**62)


def versions_unless_purged(keys: tuple, sequence_before: int | None) -> tuple | None:
    """The versions to file a value under ``keys`` with, if no purge ran since
    ``sequence_before`` was read; else None. Versions are read before the
    sequence; a purge bumps the sequence before the versions, so no order of
    the two files a stale value."""
    versions = surrogate.versions(keys)
    if sequence_before is None or purge_sequence() != sequence_before:
        return None
    return versions


def still_current(found: dict) -> dict:
    """Those of ``found`` (each with the ``keys`` and ``versions`` it was filed
    with) whose keys have not been purged since: one cache read for all their
    keys' versions, whatever their number."""
    names = sorted({name for value in found.values() for name in value.keys})
    current = dict(zip(names, surrogate.versions(names), strict=True))
    return {
        name: value
        for name, value in found.items()
        if tuple(current[key] for key in value.keys) == value.versions
    }


def file_many(values: dict, *, sequence_before: int | None, timeout: int) -> bool:
    """Keep each of ``values`` (name → (value, its keys)), built after
    ``sequence_before`` was read, under its name while none of its keys is purged
    (and for ``timeout`` seconds at most): their keys' versions in one read, the
    values in one write. Nothing is kept if a purge ran meanwhile."""
    if not values:
        return True
    keys_of = {name: tuple(sorted(keys)) for name, (_, keys) in values.items()}
    names = tuple(sorted({key for keys in keys_of.values() for key in keys}))
    try:
        versions = versions_unless_purged(names, sequence_before)
        if versions is None:
            return False
        current = dict(zip(names, versions, strict=True))
        expires_at = time.time() + timeout
        filed_values = {
            name: Filed(
                value, keys_of[name], tuple(current[key] for key in keys_of[name]), expires_at
            )
            for name, (value, _) in values.items()
        }
        _cache().set_many(filed_values, timeout)
    except Exception:
        logger.warning("Page cache unwritable", exc_info=True)
        return False
    return True


def filed(names: list[str], *, sequence: int | None = None) -> dict[str, object]:
    """The values filed under ``names`` that are still current, by name, in two
    cache reads (the values, then their keys' versions), none for those this
    process has current copies of (``sequence``: ``current_sequence()``, read
    before); only the copies when the cache cannot be read. A copy is the same
    object for every request of the process: callers must not change a value
    they are given (markup, feed and ninjs items are written out as they are)."""
    found = {}
    if sequence is not None:
        found = {name: copy.value for name in names if (copy := COPIES.get(name, sequence))}
    wanted = [name for name in names if name not in found]
    if not wanted:
        return found
    try:
        current = still_current(_cache().get_many(wanted))
    except Exception:
        logger.warning("Page cache unreadable", exc_info=True)
        return found
    for name in wanted:
        value = current.get(name)
        if sequence is not None:
            COPIES.keep(name, sequence, value, _size(value))
        if value is not None:
            found[name] = value.value
    return found


def _size(filed_value: Filed | None) -> int:
    """About the bytes a filed value holds in memory: its text, or a guess."""
    if filed_value is None:
        return 0
    value = filed_value.value
    return len(value) if isinstance(value, str | bytes) else 1024


def each_filed(
    names: dict, build: Callable[[list], Iterable[tuple]], *, timeout: int | Callable[[], int]
) -> dict:
    """The value of each of ``names`` (an id → the name its value is filed under):
    those filed and still current as they are (this process's copies first), the
    others from one call of ``build(missing ids)``, which yields ``(id, value,
    keys)`` (``keys`` None for a value that must not be kept), filed together for
    the next caller for ``timeout`` seconds (or as many as ``timeout()`` says once
    they are built; none when it says 0)."""
    sequence = current_sequence()  # before anything is read, for copies and filing
    found = filed(list(names.values()), sequence=sequence)
    values = {key: found[name] for key, name in names.items() if name in found}
    missing = [key for key in names if key not in values]
    fresh = {}
    for key, value, keys in build(missing) if missing else ():
        values[key] = value
        if keys is not None:
            fresh[names[key]] = (value, keys)
    seconds = timeout() if callable(timeout) else timeout
    if seconds > 0:
        file_many(fresh, sequence_before=sequence, timeout=seconds)
    return values


def one_filed(name: str, keys, build: Callable[[], tuple[object, float]]) -> object:
    """The value filed under ``name`` and still current (this process's copy
    first), or the value of ``build()`` (which gives ``(value, until)``, a Unix
    time it stays true to), filed under ``keys`` (or ``keys(value)``, for a value
    whose keys depend on what it found) until then, unless it showed a
    placeholder picture, which must not outlive its render, or its keys are None
    (a value that must not be kept, as for ``each_filed``)."""
    sequence = current_sequence()  # before anything is read, for copies and filing
    found = filed([name], sequence=sequence)
    if name in found:
        return found[name]
    with renditions.watching() as showed_pending:
        value, until = build()
    keys = keys(value) if callable(keys) else keys
    if keys is not None and not showed_pending():
        timeout = surrogate.seconds_until(until)
        file_many({name: (value, keys)}, sequence_before=sequence, timeout=timeout)
    return value


def name(prefix: str, *parts) -> str:
    """The name a value is filed under: ``prefix`` and a digest of everything the
    value depends on (``parts``), so a change to any of them is a new name even
    if its purge were lost."""
    raw = "|".join(map(str, parts))
    return prefix + hashlib.sha256(raw.encode()).hexdigest()


def rendered(items: Iterable, render: Callable, keys_of: Callable) -> Iterator[tuple]:
    """``(item.pk, render(item), keys_of(item))`` for each of ``items``, as
    ``each_filed``'s ``build`` yields them; the keys None for a value that showed
    a placeholder picture, which must not outlive its render."""
    for item in items:
        with renditions.watching() as showed_pending:
            value = render(item)
        yield item.pk, value, None if showed_pending() else keys_of(item)


@cache
def release_digest() -> str:
    """A digest of the release: every template, Python file and translation of
    Newsline, and the versions of Django and Wagtail (which render rich text and
    blocks). New markup, code or wording is a new name, with no purge to run after
    an upgrade."""
    digest = hashlib.sha256(f"{django.__version__}|{wagtail.__version__}".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".html", ".po") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
