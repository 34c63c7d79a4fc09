"""Related stories (decision 0017): worked out by the worker when a story is
published, stored, and read on the page by the story's own key."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsline.news.models import PinnedRelated, RelatedStory, StoryVector
from newsline.news.queries import related_stories
from newsline.news.related import meaning, services, text
from newsline.publishing import tasks

from ..factories import locale, make_story, section

HARBOUR = "Cranes at the Baku harbour unloaded containers from the new ferry line all night."
WHEAT = "Farmers say the drought has burnt the wheat harvest in the southern districts."


def harbour(**fields):
    return make_story(body_text=HARBOUR, **fields)


def related_urls(client, story) -> list[str]:
    response = client.get(story.url)
    assert response.status_code == 200
    return [a["href"] for a in BeautifulSoup(response.content, "lxml").select(".related a")]


def stored(story) -> list[int]:
    return list(
        RelatedStory.objects.filter(story=story).order_by("rank").values_list("related", flat=True)
    )


def test_publishing_a_story_computes_its_list_through_the_worker_task(client):
    first, second = harbour(title="Harbour cranes work all night"), harbour()
    make_story(body_text=WHEAT, title="Drought burns the wheat")
    story = harbour(title="Ferry line fills the harbour")  # the immediate backend runs the task
    assert set(stored(story)[:2]) == {second.pk, first.pk}
    assert RelatedStory.objects.filter(story=story).first().method == "words"
    assert set(related_urls(client, story)[:2]) == {second.url, first.url}


def test_the_task_recomputes_and_purges_the_story(client):
    other, story = harbour(), harbour()
    RelatedStory.objects.all().delete()
    with mock.patch.object(tasks.store, "purge") as purge:
        tasks.refresh_related.call(story.pk)
    assert other.pk in stored(story)
    purge.assert_called_once_with([f"story-{story.translation_key}"])


def test_page_reads_the_stored_list_in_one_query_whatever_the_number_of_stories():
    story = harbour()
    counts = []
    for more in (5, 12):
        for _ in range(more):
            harbour()
        services.refresh_related(story=story)
        with CaptureQueriesContext(connection) as captured:
            shown = related_stories(story)
        counts.append(len(captured))
        assert len(shown) == 4
    assert counts == [1, 1]


def test_pinned_stories_come_first_and_the_computed_fill_the_rest(client):
    pinned = make_story(body_text=WHEAT, title="Drought burns the wheat")
    others = [harbour() for _ in range(4)]
    story = harbour()
    PinnedRelated.objects.create(page=story, story=pinned, sort_order=0)
    urls = related_urls(client, story)
    assert urls[0] == pinned.url
    assert len(urls) == 4 and set(urls[1:]) <= {o.url for o in others}


def test_before_the_worker_runs_the_page_shows_the_pinned_only(client):
    pinned, story = make_story(), harbour()
    harbour()
    RelatedStory.objects.filter(story=story).delete()
    PinnedRelated.objects.create(page=story, story=pinned, sort_order=0)
    assert related_urls(client, story) == [pinned.url]


def test_hidden_other_language_and_translated_stories_are_never_related(client):
    draft = harbour(publish=False)
    private = harbour()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    expired = harbour()
    expired.expire_at = timezone.now() - timedelta(minutes=1)
    expired.save(update_fields=["expire_at"])
    elsewhere = make_story(parent=section("ru"), body_text=HARBOUR)
    shown = harbour()
    story = harbour()
    translation = story.copy_for_translation(locale("ru"))
    translation.save_revision().publish()
    PinnedRelated.objects.create(page=story, story=draft, sort_order=0)
    services.refresh_related(story=story)
    assert stored(story) == [shown.pk]
    assert related_urls(client, story) == [shown.url]
    assert story.pk not in stored(translation) and elsewhere.pk in stored(translation)


def test_a_withdrawn_related_story_leaves_the_page_at_once(client):
    withdrawn, kept = harbour(), harbour()
    story = harbour()
    assert set(related_urls(client, story)) == {withdrawn.url, kept.url}
    withdrawn.unpublish()
    assert related_urls(client, story) == [kept.url]


def test_recomputing_replaces_the_list_or_leaves_it_whole():
    harbour(), harbour()
    story = harbour()
    before = stored(story)
    services.refresh_related(story=story)
    assert stored(story) == before
    harbour()
    with (
        mock.patch.object(RelatedStory.objects, "bulk_create", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        services.refresh_related(story=story)
    assert stored(story) == before


def test_an_unpublished_story_keeps_no_list():
    harbour()
    story = harbour()
    story.unpublish()
    assert services.refresh_related(story=story) == []
    assert stored(story) == []


@pytest.mark.parametrize(
    "body",
    ["", "word " * 60_000, "the and of a to in is it that was for on " * 20],
    ids=["empty body", "huge body", "stop words only"],
)
def test_odd_stories_get_a_sane_list_never_an_error(body):
    harbour()
    story = make_story(title="The", publish=False)
    story.lead = "Of the."
    story.body = [("paragraph", f"<p>{body}</p>")] if body else []
    story.save_revision().publish()
    rows = services.refresh_related(story=story)
    assert len(rows) <= services.STORED
    assert all(row.related_id != story.pk for row in rows)
    if body != "word " * 60_000:
        assert rows == []  # nothing in common: no list, rather than the newest stories
    assert len(StoryVector.objects.get(story=story).terms) <= text.STORED_TERMS


def test_stems_meet_across_inflections_in_each_language():
    assert set(text.stems("Bakıya Bakıda Bakının", "az")) == {text.stems("Bakı", "az")[0]}
    assert len(set(text.stems("Азербайджаном Азербайджана", "ru"))) == 1
    assert len(set(text.stems("harbours harbour", "en"))) == 1
    assert text.stems("İstanbul", "az") == text.stems("istanbul", "az")


def test_an_unknown_method_is_refused_and_meaning_falls_back_without_the_extra(settings):
    settings.NEWSLINE_RELATED_METHOD = "magic"
    with pytest.raises(ValueError, match="NEWSLINE_RELATED_METHOD"):
        services.method()
    settings.NEWSLINE_RELATED_METHOD = "words"
    assert services.method() == "words"
    settings.NEWSLINE_RELATED_METHOD = "meaning"
    assert services.method() == ("meaning" if meaning.is_available() else "words")
    # "auto" keeps the model for the languages it was trained on.
    settings.NEWSLINE_RELATED_METHOD = "auto"
    assert services.method("az") == "words" and services.method("ru") == "words"
    assert services.method("en") == ("meaning" if meaning.is_available() else "words")


@pytest.mark.skipif(
    not meaning.is_available(),
    reason="the meaning method needs its extra: pip install -e .[meaning] "
    f"({meaning.why_unavailable()})",
)
def test_by_meaning_the_closest_story_comes_first(settings, tmp_path):
    settings.NEWSLINE_RELATED_METHOD = "meaning"
    settings.DATA_DIR = tmp_path
    near = make_story(title="Ferries stuck in port", body_text="Ships wait at the quay.")
    make_story(title="Wheat prices rise", body_text="Grain costs more after the drought.")
    story = make_story(title="Storm keeps boats in the harbour", body_text="Vessels stay moored.")
    assert stored(story)[0] == near.pk
    assert RelatedStory.objects.filter(story=story).first().method == "meaning"


def test_the_command_works_out_every_published_storys_list():
    first = make_story(title="Ferries stuck in port", body_text="Ships wait at the quay.")
    second = make_story(title="Ferries stuck in the port again", body_text="Ships wait.")
    RelatedStory.objects.all().delete()
    out = io.StringIO()
    call_command("refresh_related", stdout=out)
    assert "for 2 stories" in out.getvalue()
    assert stored(first) == [second.pk] and stored(second) == [first.pk]
