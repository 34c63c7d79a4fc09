"""What feeds and sitemaps list: published stories only, newest first, per language.

Everything here starts from ``ArticlePage.objects.published()``, the one rule
for what a reader may see, so machines never see more than readers do.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F, Max, Q
from django.db.models.functions import TruncDate
from django.db.models.query import QuerySet
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from newsline.core import surrogate
from newsline.i18n import clock
from newsline.i18n.languages import home_url
from newsline.news.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleTopic,
    HomePage,
    InterviewPage,
    SectionPage,
)
from newsline.news.queries import (
    corrections_of_language,
    newest_rows,
    person_by_slug,
    topic_by_slug,
)

CHANNEL_KINDS = ("site", "section", "topic", "person")


def published(locale) -> QuerySet:
    return ArticlePage.objects.published().in_locale(locale)


@dataclass(frozen=True)
class Channel:
    """What one feed follows: the site, a section, a topic or a person, in one language."""

    kind: str
    slug: str
    title: str
    path: str  # the reader's page that the feed mirrors
    locale: Locale
    narrowing: dict  # of the language's published stories, as ``newest_rows`` takes it
    surrogate_key: str  # what caches file the feed under


def channel(kind: str, slug: str, locale: Locale) -> Channel | None:
    """The channel ``kind``/``slug`` in ``locale``, or None if there is no such thing."""
    language = locale.language_code
    if kind == "site":
        home = HomePage.objects.live().filter(locale=locale).first()
        title = home.title if home else ""
        key = surrogate.feed(language)
        return Channel(kind, "", title, home_url(language), locale, {}, key)
    if kind == "section":
        found = SectionPage.objects.visible().filter(locale=locale, slug=slug).first()
        if found is None:
            return None
        key = surrogate.section(found.pk)
        return Channel(kind, slug, found.title, found.url, locale, {"section": found.pk}, key)
    if kind == "topic":
        tag = topic_by_slug(slug, locale)
        if tag is None:
            return None
        path = reverse("topic", kwargs={"slug": slug})
        key = surrogate.topic(tag.pk, language)
        return Channel(kind, slug, tag.name, path, locale, {"topic": tag.pk}, key)
    if kind == "person":
        person = person_by_slug(slug, locale)
        if person is None:
            return None
        path = person.get_absolute_url()
        key = surrogate.person(person.translation_key)
        return Channel(kind, slug, person.name, path, locale, {"person": person.pk}, key)
    return None


@dataclass(frozen=True)
class Listed:
    """A story a feed lists, as its newest-first query reads it: enough to name
    the feed's version and each story's filed entry without loading the story."""

    pk: int
    published_at: datetime | None  # its last publication (an edit republishes)
    corrected_at: datetime | None

    def as_row(self) -> tuple:
        # Not dataclasses.astuple, which deep-copies each value: fifty of them cost
        # a feed half a millisecond.
        return self.pk, self.published_at, self.corrected_at


def channel_newest(source: Channel, limit: int) -> list[Listed]:
    """The channel's newest ``limit`` stories, newest first, in one narrow query."""
    rows = newest_rows(source.locale, size=limit, **source.narrowing)
    return [Listed(*row) for row in rows]


def channel_fingerprint(source: Channel, listed: list[Listed]) -> tuple[str, datetime | None]:
    """An ETag seed and Last-Modified time for a channel listing ``listed``.

    A feed changes exactly when one of its stories is published, edited,
    withdrawn or displaced, and each of those changes this.
    """
    rows = [row.as_row() for row in listed]
    seed = f"{source.kind}:{source.slug}:{source.locale.language_code}:{rows}"
    newest_edit = max((edited for row in rows for edited in row[1:] if edited), default=None)
    return hashlib.sha256(seed.encode()).hexdigest()[:32], newest_edit


def newest_corrections(locale, limit: int) -> list:
    """The language's newest corrections with their stories (for the feed)."""
    return list(corrections_of_language(locale)[:limit])


# Sitemaps


def story_rows(locale, *, offset: int, limit: int) -> list:
    """One sitemap file's worth of a language's stories, in a stable order."""
    return list(
        published(locale)
        .order_by("pk")
        .only(
            "id",
            "url_path",
            "translation_key",
            "last_published_at",
            "last_corrected_at",
            "locale_id",
        )[offset : offset + limit]
    )


def story_count(locale) -> int:
    return published(locale).count()


def newest_edit(locale) -> datetime | None:
    return published(locale).aggregate(newest=Max("last_published_at"))["newest"]


def translations_by_key(pages, model) -> dict:
    """translation_key -> {language code: page} for every visible version of
    ``pages`` (any language, including the pages themselves), for hreflang."""
    keys = list({page.translation_key for page in pages})
    translations: dict = {}
    visible = _visible(model)
    for start in range(0, len(keys), 2000):  # stay under SQLite's parameter limit
        chunk = (
            visible.filter(translation_key__in=keys[start : start + 2000])
            .select_related("locale")
            .only("id", "url_path", "translation_key", "locale")
        )
        for page in chunk:
            translations.setdefault(page.translation_key, {})[page.locale.language_code] = page
    return translations


def landing_pages(locale) -> list:
    """The home page and sections of a language, in tree order."""
    return list(
        HomePage.objects.live().public().filter(locale=locale).order_by("path").specific()
    ) + list(SectionPage.objects.visible().filter(locale=locale).order_by("path"))


def _visible(model):
    if model is ArticlePage:
        return ArticlePage.objects.published()
    if model is SectionPage:
        return SectionPage.objects.visible()
    return model.objects.live().public()


def section_edits(locale) -> dict:
    """section page id -> newest story edit in that section (one grouped query)."""
    rows = (
        published(locale)
        .order_by()
        .values("section_page_id")
        .annotate(newest=Max("last_published_at"))
    )
    return {row["section_page_id"]: row["newest"] for row in rows}


def topic_rows(locale) -> list[dict]:
    """Topics with a published story in the language: slug, name and newest edit."""
    return list(
        ArticleTopic.objects.filter(content_object__in=published(locale).values("pk"))
        .values(slug=F("tag__slug"), name=F("tag__name"))
        .annotate(lastmod=Max("content_object__last_published_at"))
        .order_by("slug")
    )


def person_rows(locale) -> list[dict]:
    """People who signed or gave an interview to a published story in the language."""
    shown = published(locale).values("pk")
    signed = (
        ArticleAuthor.objects.filter(page__in=shown)
        .values("person__slug")
        .annotate(lastmod=Max("page__last_published_at"))
    )
    interviewed = (
        InterviewPage.objects.filter(pk__in=shown)
        .values("interviewee__slug")
        .annotate(lastmod=Max("last_published_at"))
    )
    newest: dict = {}
    for slug, lastmod in [
        *signed.values_list("person__slug", "lastmod"),
        *interviewed.values_list("interviewee__slug", "lastmod"),
    ]:
        newest[slug] = max(lastmod, newest.get(slug, lastmod))
    return [{"slug": slug, "lastmod": newest[slug]} for slug in sorted(newest)]


def archive_days(locale) -> list[dict]:
    """Days of the outlet's calendar with published stories: day and newest edit."""
    return list(
        published(locale)
        .annotate(day=TruncDate("published_at", tzinfo=clock.outlet_zone()))
        .values("day")
        .annotate(lastmod=Max("last_published_at"))
        .order_by("-day")
    )


def breaking_stories(locale, *, hours: int, limit: int) -> list:
    """Stories first published in the last ``hours``, newest first, for Google News."""
    since = timezone.now() - timedelta(hours=hours)
    return list(
        published(locale)
        .filter(Q(published_at__gte=since))
        .order_by("-published_at", "-pk")
        .only("id", "title", "url_path", "published_at", "locale_id")[:limit]
    )
