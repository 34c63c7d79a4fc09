"""Sitemap entries: where each public page is, when it last changed, and its
translations (``xhtml:link`` hreflang alternates, the same ones the page's head names).

Per language there is a file of landing pages (home, sections, archive, topics,
people), one of archive days, numbered files of stories (split at
``NEWSLINE_SITEMAP_SIZE`` URLs, 50,000 by default as the protocol allows), and
a Google News file. ``/sitemap.xml`` indexes them all.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from newsline.core.outlet import absolute
from newsline.core.pagination import MAX_OFFSET
from newsline.i18n import clock
from newsline.news.models import ArticlePage, HomePage, SectionPage

from . import queries

NEWS_SITEMAP_HOURS = 48
NEWS_SITEMAP_LIMIT = 1000


@dataclass(frozen=True)
class SitemapUrl:
    location: str
    lastmod: str | None
    alternates: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class SitemapFile:
    location: str
    lastmod: str | None


def w3c(moment: datetime | None) -> str | None:
    """W3C datetime with the outlet's offset, to the second."""
    return clock.outlet_time(moment).replace(microsecond=0).isoformat() if moment else None


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _every_language(request, name: str, **kwargs) -> list[tuple[str, str]]:
    """Alternates for views that exist in every language, as the page heads list them."""
    alternates = []
    for code in _languages():
        with translation.override(code):
            alternates.append((code, absolute(request, reverse(name, kwargs=kwargs))))
    return alternates


def _page_urls(request, pages, model, lastmods: dict | None = None) -> list[SitemapUrl]:
    translations = queries.translations_by_key(pages, model)
    urls = []
    for page in pages:
        versions = translations.get(page.translation_key, {})
        alternates = (
            [(code, absolute(request, p.get_url(request))) for code, p in sorted(versions.items())]
            if len(versions) > 1
            else []
        )
        # A story's own change includes its corrections (``modified_at``).
        lastmod = (lastmods or {}).get(page.pk) or getattr(page, "modified_at", None)
        lastmod = lastmod or page.last_published_at
        urls.append(SitemapUrl(absolute(request, page.get_url(request)), w3c(lastmod), alternates))
    return urls


def _landing_lastmods(pages, locale: Locale) -> dict:
    """A section changes with its stories; a home page with every story of its language."""
    story_edits = queries.section_edits(locale)
    language_edit = queries.newest_edit(locale)
    lastmods = {}
    for page in pages:
        shown = story_edits.get(page.pk) if isinstance(page, SectionPage) else language_edit
        lastmods[page.pk] = max(filter(None, [page.last_published_at, shown]), default=None)
    return lastmods


def _landing_urls(request, locale: Locale) -> list[SitemapUrl]:
    pages = queries.landing_pages(locale)
    lastmods = _landing_lastmods(pages, locale)
    home_pages = [p for p in pages if not isinstance(p, SectionPage)]
    sections = [p for p in pages if isinstance(p, SectionPage)]
    urls = _page_urls(request, home_pages, HomePage, lastmods)
    urls += _page_urls(request, sections, SectionPage, lastmods)
    urls.append(
        SitemapUrl(
            absolute(request, reverse("archive")),
            w3c(queries.newest_edit(locale)),
            _every_language(request, "archive"),
        )
    )
    for row in queries.topic_rows(locale):
        alternates = _every_language(request, "topic", slug=row["slug"])
        location = absolute(request, reverse("topic", kwargs={"slug": row["slug"]}))
        urls.append(SitemapUrl(location, w3c(row["lastmod"]), alternates))
    for row in queries.person_rows(locale):
        alternates = _every_language(request, "person", slug=row["slug"])
        location = absolute(request, reverse("person", kwargs={"slug": row["slug"]}))
        urls.append(SitemapUrl(location, w3c(row["lastmod"]), alternates))
    return urls


def _archive_urls(request, locale: Locale) -> list[SitemapUrl]:
    urls = []
    for row in queries.archive_days(locale):
        day = row["day"]
        kwargs = {"year": day.year, "month": day.month, "day": day.day}
        location = absolute(request, reverse("archive_day", kwargs=kwargs))
        alternates = _every_language(request, "archive_day", **kwargs)
        urls.append(SitemapUrl(location, w3c(row["lastmod"]), alternates))
    return urls


def _story_urls(request, locale: Locale, number: int) -> list[SitemapUrl] | None:
    size = settings.NEWSLINE_SITEMAP_SIZE
    if number < 1 or (number - 1) * size > MAX_OFFSET:
        return None
    pages = queries.story_rows(locale, offset=(number - 1) * size, limit=size)
    if not pages and number > 1:
        return None
    return _page_urls(request, pages, ArticlePage)


def part_urls(request, locale: Locale, part: str, number: int) -> list[SitemapUrl] | None:
    """The URLs of one sitemap file; None when there is no such file."""
    if part == "stories":
        return _story_urls(request, locale, number)
    if number != 1:
        return None
    if part == "pages":
        return _landing_urls(request, locale)
    if part == "archive":
        return _archive_urls(request, locale)
    return None


def news_urls(request, locale: Locale) -> list[dict]:
    """Entries of the Google News sitemap."""
    return [
        {
            "location": absolute(request, story.get_url(request)),
            "published": w3c(story.published_at),
            "title": story.title,
        }
        for story in queries.breaking_stories(
            locale, hours=NEWS_SITEMAP_HOURS, limit=NEWS_SITEMAP_LIMIT
        )
    ]


def index(request) -> list[SitemapFile]:
    """Every non-empty sitemap file of every language, for ``/sitemap.xml``.

    Empty files are left out: the protocol wants at least one URL in each, and a
    language with no story in the last 48 hours has an empty News sitemap.
    """
    files = []
    for locale in Locale.objects.filter(language_code__in=_languages()).order_by("pk"):
        newest = w3c(queries.newest_edit(locale))
        count = queries.story_count(locale)
        has_news = bool(queries.breaking_stories(locale, hours=NEWS_SITEMAP_HOURS, limit=1))
        for path in file_paths(locale.language_code, count, has_news=has_news):
            files.append(SitemapFile(absolute(request, path), newest))
    return files


def file_paths(language: str, story_count: int, *, has_news: bool = True) -> list[str]:
    """The addresses of a language's sitemap files, given its published stories."""
    paths = [reverse("sitemap_part", kwargs={"language": language, "part": "pages"})]
    if story_count:
        paths.append(reverse("sitemap_part", kwargs={"language": language, "part": "archive"}))
    files = math.ceil(story_count / settings.NEWSLINE_SITEMAP_SIZE)
    paths += [
        reverse("sitemap_stories", kwargs={"language": language, "number": number})
        for number in range(1, files + 1)
    ]
    if has_news:
        paths.append(reverse("news_sitemap", kwargs={"language": language}))
    return paths


def every_path(language: str) -> set[str]:
    """Every sitemap address that a change in ``language`` can touch, with the
    index and robots.txt (for a CDN that purges by address)."""
    locale = Locale.objects.filter(language_code=language).first()
    count = queries.story_count(locale) if locale else 0
    # One story file more than today's count: the change may have added the first
    # story of a new file, or removed the last of one.
    count += settings.NEWSLINE_SITEMAP_SIZE if count else 1
    return {reverse("sitemap_index"), reverse("robots"), *file_paths(language, count)}
