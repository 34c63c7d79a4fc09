"""A story's links to other stories (newer and older in its section, related) are
filed for its next render (decision 0034) and follow every change to them: a story
published in the section or withdrawn, a linked story edited, the related list
worked out anew, a linked story expiring or a story dated ahead going live (which
purge nothing). Without the page cache, so each page here is rendered anew."""

from datetime import timedelta

import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsline.core import renditions
from newsline.news.models import ArticlePage, PinnedRelated, RelatedStory
from newsline.publishing import tasks

from ..core.test_renditions import queued, story_with_a_pending_picture  # noqa: F401
from ..factories import make_story, section

LINK_TABLES = ("news_relatedstory", "news_pinnedrelated")


def _links(client, story) -> dict:
    response = client.get(story.url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "lxml")
    sides = {a["rel"][0]: a["href"] for a in page.select(".neighbours a")}
    return {
        "newer": sides.get("prev"),
        "older": sides.get("next"),
        "related": [a["href"] for a in page.select(".related a")],
        "text": page.select_one(".neighbours").get_text(" ", strip=True)
        if page.select_one(".neighbours")
        else "",
    }


def _link_queries(client, story) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(story.url).status_code == 200
    return [q["sql"] for q in captured if any(t in q["sql"] for t in LINK_TABLES)]


def _related(story, *others):
    """``others`` as ``story``'s worked-out related list, as the worker leaves it."""
    RelatedStory.objects.filter(story=story).delete()
    RelatedStory.objects.bulk_create(
        RelatedStory(story=story, related=other, rank=n, score=1.0, method="words")
        for n, other in enumerate(others, start=1)
    )


def test_the_links_are_found_once_and_then_read(client):
    older, story = make_story(), make_story()
    assert _links(client, story)["older"] == older.url
    assert _link_queries(client, story) == []
    assert _links(client, older)["newer"] == story.url


def test_a_story_published_in_the_section_becomes_the_newer_link(client):
    story = make_story()
    assert _links(client, story)["newer"] is None
    newer = make_story()
    assert _links(client, story)["newer"] == newer.url
    newer.unpublish()
    assert _links(client, story)["newer"] is None


def test_a_story_in_another_section_leaves_the_links_filed(client):
    story = make_story()
    _links(client, story)
    make_story(parent=section("en", "sport"))
    assert _link_queries(client, story) == []


def test_a_linked_story_retitled_shows_its_new_title(client):
    older, story = make_story(title="First wording"), make_story()
    assert "First wording" in _links(client, story)["text"]
    older.title = "Second wording"
    older.save_revision().publish()
    assert "Second wording" in _links(client, story)["text"]


def test_the_related_list_worked_out_anew_reaches_the_page(client):
    first, second = make_story(parent=section("en", "sport")), make_story()
    story = make_story(parent=section("en", "sport"))
    _related(story, first)
    tasks.purge_keys.call([f"story-{story.translation_key}"])  # as the worker does
    assert _links(client, story)["related"] == [first.url]
    _related(story, second)
    tasks.purge_keys.call([f"story-{story.translation_key}"])
    assert _links(client, story)["related"] == [second.url]


def test_pinned_stories_edited_on_the_story_reach_the_page(client):
    pinned, story = make_story(parent=section("en", "sport")), make_story()
    RelatedStory.objects.filter(story=story).delete()
    assert _links(client, story)["related"] == []
    PinnedRelated.objects.create(page=story, story=pinned, sort_order=0)
    story.save_revision().publish()
    assert _links(client, story)["related"] == [pinned.url]


def test_a_related_story_withdrawn_or_restricted_leaves_the_page(client):
    gone, hidden = (
        make_story(parent=section("en", "sport")),
        make_story(parent=section("en", "sport")),
    )
    story = make_story()
    _related(story, gone, hidden)
    assert _links(client, story)["related"] == [gone.url, hidden.url]
    gone.unpublish()
    assert _links(client, story)["related"] == [hidden.url]
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    assert _links(client, story)["related"] == []


def test_a_linked_story_leaves_the_page_when_it_expires(client):
    ends = timezone.now() + timedelta(minutes=2)  # within the shared lifetime
    older = make_story(expire_at=ends)
    story = make_story()
    _related(story, older)
    links = _links(client, story)
    assert links["older"] == older.url and links["related"] == [older.url]
    with time_machine.travel(ends + timedelta(seconds=1), tick=False):
        links = _links(client, story)
    assert links["older"] is None and links["related"] == []


def test_a_story_dated_ahead_becomes_the_newer_link_at_its_time(client):
    # A live story dated ahead (no editor's form allows it; the lists ask the time).
    story = make_story()
    later = timezone.now() + timedelta(minutes=2)
    ahead = make_story()
    ArticlePage.objects.filter(pk=ahead.pk).update(published_at=later)
    assert _links(client, story)["newer"] is None
    with time_machine.travel(later + timedelta(seconds=1), tick=False):
        assert _links(client, story)["newer"] == ahead.url


def test_links_showing_a_placeholder_picture_are_not_filed(
    client,
    queued,  # noqa: F811
):
    story_with_a_pending_picture("Pictured bridge")
    story = make_story(parent=section("en", "sport"))
    pictured = ArticlePage.objects.get(title="Pictured bridge")
    _related(story, pictured)
    first = client.get(story.url).content.decode()
    assert renditions.PENDING_PICTURE in first
    assert len(_link_queries(client, story)) > 0  # found again, not read as filed
