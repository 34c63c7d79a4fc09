"""A query prepared once answers as the query built anew would, for any values."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsline.core.prepared import PreparedIds, PreparedObjects
from newsline.news.models import ArticlePage

from ..factories import make_story, section


def _newest(*, locale, before, limit):
    stories = ArticlePage.objects.published().filter(locale=locale, published_at__lt=before)
    return stories.order_by("-published_at").values("pk")[:limit]


NEWEST = PreparedIds(_newest, ids=("locale",), moments=("before",))


def _ids(raw) -> list[int]:
    return list(ArticlePage.objects.filter(pk__in=raw).values_list("pk", flat=True))


def test_prepared_query_answers_as_the_query_built_for_the_same_values():
    stories = [make_story(title=f"Prepared {n}") for n in range(5)]
    az = make_story(parent=section("az"), title="Hazırlanmış")
    en, moments = stories[0].locale_id, [s.published_at for s in stories]
    for locale, before, limit in [
        (en, moments[3], 2),
        (en, moments[1], 2),
        (en, timezone.now(), 10),
        (az.locale_id, timezone.now(), 2),
        (en, moments[0] - timedelta(days=1), 3),
    ]:
        built = _newest(locale=locale, before=before, limit=limit)
        prepared = NEWEST(locale=locale, before=before, limit=limit)
        assert sorted(_ids(prepared)) == sorted(row["pk"] for row in built)


def test_rows_runs_the_prepared_query_with_text_values():
    story = make_story(title="By its address")
    by_slug = PreparedIds(
        lambda *, slug: ArticlePage.objects.filter(slug=slug).values("pk"), texts=("slug",)
    )
    assert by_slug.rows(slug=story.slug) == [(story.pk,)]
    assert by_slug.rows(slug="no-such-story") == []


def test_a_query_that_drops_a_value_it_was_given_is_refused():
    ignoring = PreparedIds(lambda *, locale: ArticlePage.objects.values("pk"), ids=("locale",))
    with pytest.raises(ValueError, match="locale"):
        ignoring(locale=1)


def test_a_value_built_into_the_sql_is_not_kept_from_the_first_call():
    for _ in range(4):
        make_story(title="Counted")
    en, now = section("en").locale_id, timezone.now()
    assert len(_ids(NEWEST(locale=en, before=now, limit=1))) == 1
    assert len(_ids(NEWEST(locale=en, before=now, limit=3))) == 3


def _listed(*, locale, before, limit):
    stories = ArticlePage.objects.published().filter(locale=locale, published_at__lt=before)
    return stories.select_related("main_image").order_by("-published_at", "-pk")[:limit]


LISTED = PreparedObjects(_listed, ids=("locale",), moments=("before",))


def test_prepared_objects_load_as_the_queryset_built_for_the_same_values():
    stories = [make_story(title=f"Loaded {n}") for n in range(4)]
    en, now = stories[0].locale_id, timezone.now()
    for before, limit in [(now, 10), (stories[2].published_at, 2), (now, 1)]:
        built = list(_listed(locale=en, before=before, limit=limit))
        prepared = LISTED(locale=en, before=before, limit=limit)
        assert [(type(s), s.pk, s.title) for s in prepared] == [
            (type(s), s.pk, s.title) for s in built
        ]


def test_prepared_objects_keep_select_related_rows_and_prefetches():
    story = make_story(title="With its section")
    prepared = PreparedObjects(
        lambda *, pk: (
            ArticlePage.objects.filter(pk=pk)
            .select_related("section_page")
            .prefetch_related("authors")
        ),
        ids=("pk",),
    )
    (found,) = prepared(pk=story.pk)
    assert ArticlePage.section_page.is_cached(found)
    assert "authors" in found._prefetched_objects_cache
    assert prepared(pk=story.pk + 10_000) == []
