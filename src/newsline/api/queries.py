"""What the API and the ninjs export read.

Every story starts from ``ArticlePage.objects.published()``, the one rule for
what a reader may see, so partners never receive more than readers do.
"""

from newsline.news.models import (
    ArticlePage,
    SectionPage,
)
from newsline.news.queries import people_on_record, with_relations

NINJS_FEED_SIZE = 50
MAX_ID = 2**63 - 1  # the largest id any of our databases can hold


def api_stories():
    """Published stories in every language, newest first, with locale and main image rows."""
    return (
        ArticlePage.objects.published()
        .select_related("locale", "main_image")
        .order_by("-published_at", "-pk")
    )


def listed_stories(pks: list[int]) -> list:
    """The published stories ``pks`` as the listings show them (no body: base
    pages with their relations, ``with_relations``), in the order of ``pks``;
    those no longer published are left out."""
    found = api_stories().filter(pk__in=pks).in_bulk()
    return with_relations([found[pk] for pk in pks if pk in found])


def ninjs_rows(*, locale=None, sections=None, since=None) -> list[tuple]:
    """``(id, last publication, last correction)`` of the newest published stories
    for the ninjs feed, newest first: what names each story's filed item."""
    stories = ArticlePage.objects.published().order_by("-published_at", "-pk")
    if locale is not None:
        stories = stories.in_locale(locale)
    if sections:
        stories = stories.filed_in(*sections)
    if since is not None:
        stories = stories.filter(published_at__gte=since)
    rows = stories.values_list("pk", "last_published_at", "last_corrected_at")
    return list(rows[:NINJS_FEED_SIZE])


def in_id_range(pk: int) -> bool:
    """Whether ``pk`` can be an id at all; a larger number overflows the query."""
    return 0 <= pk <= MAX_ID


def published_story(pk: int):
    """The published story with this id as its specific page, or None."""
    story = api_stories().filter(pk=pk).first() if in_id_range(pk) else None
    return None if story is None else with_relations([story.specific])[0]


def other_languages(story) -> list:
    """The story's published versions in the other languages."""
    return list(
        api_stories()
        .filter(translation_key=story.translation_key)
        .exclude(pk=story.pk)
        .order_by("locale__language_code")
    )


def public_sections():
    """Sections a reader may see (``SectionQuerySet.visible``), in tree order."""
    return SectionPage.objects.visible().select_related("locale").order_by("path")


def listed_people():
    """People on record (``news.queries.people_on_record``), alphabetically."""
    return people_on_record().select_related("locale").order_by("name", "pk")
