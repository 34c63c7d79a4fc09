"""The News line and its archive ("All")."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.conf import settings
from django.utils import timezone

from newsline.core.pagination import KeysetPage
from newsline.core.prepared import PreparedIds, PreparedObjects
from newsline.i18n import clock
from newsline.news.models import ArticlePage
from newsline.news.queries import newest_page, union_of_ids


def news_line(locale, limit: int | None = None) -> list:
    """The newest ``limit`` published stories of a language across all sections.

    Newest first, without their pictures: the line's items are filed
    (``fragment.py``), and those rendered anew read their pictures then.
    """
    limit = limit or settings.NEWSLINE_NEWS_LINE_SIZE
    locale_id = getattr(locale, "pk", locale)
    ids = _NEWEST_IDS(locale=locale_id, now=timezone.now(), limit=limit)
    items = ArticlePage.objects.for_headlines().filter(pk__in=ids)
    return list(items.order_by("-published_at", "-pk"))


def _newest_ids(*, locale, now, limit):
    published = ArticlePage.objects.published(at=now).in_locale(locale)
    return published.order_by("-published_at", "-pk").values("pk")[:limit]


# Built once per process (core/prepared.py): building the line's query cost
# more than running it, and every publication renders the line anew.
_NEWEST_IDS = PreparedIds(_newest_ids, ids=("locale",), moments=("now",))


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
    return newest_page(locale, after=after, size=settings.NEWSLINE_ARCHIVE_PAGE_SIZE)


def day_stories(locale, day: date, *, after: str | None) -> KeysetPage:
    start, end = clock.day_bounds(day)
    size = settings.NEWSLINE_ARCHIVE_PAGE_SIZE
    return newest_page(locale, after=after, size=size, start=start, end=end)


def neighbour_days(locale, day: date) -> tuple[date | None, date | None]:
    """The nearest earlier and later days that have stories: one query of two
    index seeks, built once per process."""
    start, end = clock.day_bounds(day)
    locale_id = getattr(locale, "pk", locale)
    found = _NEIGHBOUR_STORIES(locale=locale_id, start=start, end=end, now=timezone.now())
    earlier = next((s.published_at for s in found if s.published_at < start), None)
    later = next((s.published_at for s in found if s.published_at >= end), None)
    return (
        clock.outlet_day(earlier) if earlier else None,
        clock.outlet_day(later) if later else None,
    )


def _neighbour_stories(*, locale, start, end, now):
    published = ArticlePage.objects.published(at=now).in_locale(locale)
    earlier = published.filter(published_at__lt=start).order_by("-published_at", "-pk")
    later = published.filter(published_at__gte=end).order_by("published_at", "pk")
    either = union_of_ids(earlier.values("pk")[:1], later.values("pk")[:1])
    return ArticlePage.objects.filter(pk__in=either).only("pk", "published_at")


_NEIGHBOUR_STORIES = PreparedObjects(
    _neighbour_stories, ids=("locale",), moments=("start", "end", "now")
)
