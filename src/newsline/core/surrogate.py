"""Names for what a response shows ("surrogate keys"), so caches can drop
exactly the responses a change touches.

Views say what they show with ``tag(request, ...)``; the ``publishing`` app
sends the names as ``Surrogate-Key`` / ``Cache-Tag`` headers, files cached
pages under them, and purges them when a story changes. Both sides build the
names with the functions here, so they cannot drift apart.
"""

import time
from datetime import date

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

ATTRIBUTE = "surrogate_keys"
# Where the cache keeps each key's version; ``publishing`` changes it to purge.
VERSION_PREFIX = "newsline:key:"
SITEMAPS = "sitemaps"
API = "api"
# Carried by every cached response, for the rare change that touches them all.
EVERYTHING = "all"


def story(translation_key) -> str:
    """A story's page in every language (translations share the key)."""
    return f"story-{translation_key}"


def section(page_id: int) -> str:
    return f"section-{page_id}"


def topic(tag_id: int, language: str) -> str:
    return f"topic-{tag_id}-{language}"


def person(translation_key) -> str:
    """A person's profile (and feeds) in every language."""
    return f"person-{translation_key}"


def day(language: str, moment: date) -> str:
    return f"day-{language}-{moment:%Y%m%d}"


def home(language: str) -> str:
    return f"home-{language}"


def archive(language: str) -> str:
    return f"archive-{language}"


def news_line(language: str) -> str:
    return f"newsline-{language}"


def live(page_id: int) -> str:
    """A live story's updates: its page, its updates' address, its feeds."""
    return f"live-{page_id}"


def breaking(language: str) -> str:
    """The breaking banner of a language (a fragment on every page)."""
    return f"breaking-{language}"


def feed(language: str) -> str:
    """The whole-site feeds of a language."""
    return f"feed-{language}"


def corrections(language: str) -> str:
    """A language's list of corrections and its feeds."""
    return f"corrections-{language}"


def search(language: str) -> str:
    return f"search-{language}"


def site(language: str) -> str:
    """Every HTML page of a language: its masthead names the sections."""
    return f"site-{language}"


def is_search(key: str) -> bool:
    return key.startswith(search(""))


def is_news_line(key: str) -> bool:
    return key.startswith(news_line(""))


def is_fragment(key: str) -> bool:
    """The News line, the breaking banner and live updates: short-lived for shared
    caches, refreshed by open pages."""
    return key.startswith((news_line(""), breaking(""), live("")))


def versions(keys) -> tuple:
    """The current version token of each key (0 for one never purged)."""
    found = caches["default"].get_many([VERSION_PREFIX + key for key in keys])
    return tuple(found.get(VERSION_PREFIX + key, 0) for key in keys)


def tag(request, *keys: str) -> None:
    """Record that the response to ``request`` shows what ``keys`` name."""
    if request is None:
        return
    existing = getattr(request, ATTRIBUTE, frozenset())
    setattr(request, ATTRIBUTE, existing.union(keys))


def keys_of(request) -> frozenset:
    """What the response shows, plus ``EVERYTHING``; empty if the view named nothing."""
    keys = getattr(request, ATTRIBUTE, frozenset())
    return keys | {EVERYTHING} if keys else keys


LIFETIME_ATTRIBUTE = "surrogate_lifetime"


def true_for(request, seconds: int) -> None:
    """The response stops being true in ``seconds`` (a story shown expires, a
    breaking banner runs out): no cache keeps it longer, purge or not."""
    if request is None:
        return
    current = getattr(request, LIFETIME_ATTRIBUTE, None)
    seconds = max(1, int(seconds))
    setattr(request, LIFETIME_ATTRIBUTE, seconds if current is None else min(current, seconds))


def seconds_until(moment: float) -> int:
    """The whole seconds from now to ``moment`` (a Unix time), one at least: a
    lifetime for a cache."""
    return max(1, int(moment - time.time()))


def true_until(moments=()) -> float:
    """The first of ``moments`` (datetimes; None for none) still to come, as a Unix
    time, or the end of the shared caches' lifetime from now, whichever is sooner:
    how long something that changes at those moments (or only when purged) may be
    kept."""
    now = timezone.now()
    coming = [moment.timestamp() for moment in moments if moment and moment > now]
    return min([now.timestamp() + settings.NEWSLINE_CACHE_CONTROL["s_maxage"], *coming])


def lifetime_of(request) -> int | None:
    return getattr(request, LIFETIME_ATTRIBUTE, None)
