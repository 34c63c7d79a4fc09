"""The News line and its archive ("All")."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.conf import settings

from newsline.core.pagination import KeysetPage, keyset_page
from newsline.i18n import clock
from newsline.news.queries import stories, with_renditions


def news_line(locale, limit: int | None = None) -> list:
    """The newest ``limit`` published stories of a language across all sections.

    Newest first; each carries its thumbnail rendition prefetched, so rendering
    the whole line costs two queries whatever its length.
    """
    limit = limit or settings.NEWSLINE_NEWS_LINE_SIZE
    items = list(stories(locale).order_by("-published_at", "-pk")[:limit])
    return with_renditions(items)


@dataclass(frozen=True)
class ArchiveDay:
    day: date
    stories: list


def group_by_day(items) -> list[ArchiveDay]:
    """Split a newest-first list into days of the outlet's calendar."""
    return [
        ArchiveDay(day=day, stories=list(group))
        for day, group in groupby(items, key=lambda s: clock.outlet_day(s.published_at))
    ]


def archive_page(locale, *, after: str | None) -> KeysetPage:
    return keyset_page(stories(locale), after=after, size=settings.NEWSLINE_ARCHIVE_PAGE_SIZE)


def day_stories(locale, day: date, *, after: str | None) -> KeysetPage:
    start, end = clock.day_bounds(day)
    in_day = stories(locale).filter(published_at__gte=start, published_at__lt=end)
    return keyset_page(in_day, after=after, size=settings.NEWSLINE_ARCHIVE_PAGE_SIZE)


def neighbour_days(locale, day: date) -> tuple[date | None, date | None]:
    """The nearest earlier and later days that have stories, by index seek."""
    start, end = clock.day_bounds(day)
    earlier = stories(locale).filter(published_at__lt=start).order_by("-published_at").first()
    later = stories(locale).filter(published_at__gte=end).order_by("published_at").first()
    return (
        clock.outlet_day(earlier.published_at) if earlier else None,
        clock.outlet_day(later.published_at) if later else None,
    )
