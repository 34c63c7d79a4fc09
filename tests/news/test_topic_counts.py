"""The topic index's counts are kept per topic and language and follow every
change to them: a story published, withdrawn or retagged, a section restricted,
a story going live at its time or expiring (which purge nothing). The API's
topic listing reads the same counts. Without the page cache, so each index here
is rendered anew."""

import re
from datetime import timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsline.news.models import ArticlePage, Topic
from newsline.publishing import scheduler

from ..api.helpers import fetch
from ..factories import make_story, section

INDEX = "/en/topics/"


def _counts(client, url=INDEX) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return {
        name: int(count)
        for name, count in re.findall(r'>([^<>]+) <span class="count">\((\d+)\)</span>', html)
    }


def _count_queries(client, url=INDEX) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured if "news_articletopic" in q["sql"]]


def test_counts_follow_publication_withdrawal_and_retagging(client):
    first = make_story(topics=["harbours"])
    assert _counts(client) == {"harbours": 1}
    second = make_story(topics=["harbours", "ferries"])
    assert _counts(client) == {"harbours": 2, "ferries": 1}
    first.unpublish()
    assert _counts(client) == {"harbours": 1, "ferries": 1}
    second.topics.remove("ferries")
    second.save_revision().publish()
    assert _counts(client) == {"harbours": 1}


def test_a_filed_index_counts_nothing_and_a_publication_recounts_its_topics_only(client):
    make_story(topics=["harbours"])
    make_story(topics=["ferries"])
    _counts(client)  # every count filed
    assert _count_queries(client) == []
    make_story(topics=["ferries"])
    recounted = _count_queries(client)
    assert len(recounted) == 1
    assert _counts(client) == {"harbours": 1, "ferries": 2}


def test_each_language_counts_its_own_stories(client):
    make_story(topics=["harbours"])
    make_story(parent=section("az"), topics=["harbours"])
    make_story(parent=section("az"), topics=["harbours"])
    assert _counts(client) == {"harbours": 1}
    assert _counts(client, "/az/topics/") == {"harbours": 2}


def test_a_restricted_section_takes_its_stories_out_of_the_counts(client):
    make_story(topics=["harbours"])
    make_story(parent=section("en", "sport"), topics=["harbours"])
    assert _counts(client) == {"harbours": 2}
    PageViewRestriction.objects.create(
        page=section("en", "sport"), restriction_type="password", password="x"
    )
    assert _counts(client) == {"harbours": 1}


def test_a_scheduled_story_is_counted_from_its_time(client):
    make_story(topics=["harbours"])
    go_live = timezone.now() + timedelta(hours=2)
    story = make_story(topics=["harbours", "embargoed plans"])
    story.unpublish()
    story.go_live_at = go_live
    story.save_revision().publish()  # scheduled
    assert _counts(client) == {"harbours": 1}
    with time_machine.travel(go_live + timedelta(seconds=1), tick=False):
        assert scheduler.run_due().published == 1
        assert _counts(client) == {"harbours": 2, "embargoed plans": 1}


def test_counts_are_kept_no_longer_than_the_next_go_live_in_the_language(client):
    # A live story dated ahead (no editor's form allows it; the lists ask the
    # time anyway): counts built now end when it would show.
    make_story(topics=["harbours"])
    later = timezone.now() + timedelta(minutes=2)  # within the shared lifetime
    ahead = make_story(topics=["harbours"])
    ArticlePage.objects.filter(pk=ahead.pk).update(published_at=later)
    assert _counts(client) == {"harbours": 1}
    with time_machine.travel(later + timedelta(seconds=1), tick=False):
        assert _counts(client) == {"harbours": 2}


def test_an_expiring_story_leaves_the_counts_at_its_time(client):
    make_story(topics=["harbours"])
    ends = timezone.now() + timedelta(minutes=2)  # within the shared lifetime
    make_story(topics=["harbours", "short-lived"], expire_at=ends)
    assert _counts(client) == {"harbours": 2, "short-lived": 1}
    with time_machine.travel(ends + timedelta(seconds=1), tick=False):
        assert _counts(client) == {"harbours": 1}


def test_the_api_lists_the_topics_in_use_with_the_same_counts(client):
    make_story(topics=["harbours", "ferries"])
    make_story(topics=["harbours"])
    make_story(parent=section("az"), topics=["harbours"])
    make_story(topics=["secret plans"], publish=False)
    listing = fetch(client, "/api/v2/topics/?language=en")
    assert [(t["name"], t["story_count"]) for t in listing["items"]] == [
        ("ferries", 1),
        ("harbours", 2),
    ]
    assert listing["meta"] == {"total_count": 2, "total_count_capped": False}
    everywhere = fetch(client, "/api/v2/topics/?limit=1&offset=1")
    assert [(t["name"], t["story_count"]) for t in everywhere["items"]] == [("harbours", 3)]
    assert everywhere["meta"]["total_count"] == 2


def test_a_topic_in_the_api_has_the_listing_s_count_and_counts_nothing_when_kept(client):
    make_story(topics=["harbours"])
    make_story(parent=section("az"), topics=["harbours"])
    make_story(topics=["secret plans"], publish=False)
    listed = fetch(client, "/api/v2/topics/")["items"]
    harbours = next(topic for topic in listed if topic["name"] == "harbours")
    detail = f"/api/v2/topics/{harbours['id']}/"
    assert fetch(client, detail)["story_count"] == 2
    assert fetch(client, detail + "?language=az")["story_count"] == 1
    assert client.get(f"/api/v2/topics/find/?id={harbours['id']}").status_code == 302
    assert _count_queries(client, detail) == []  # the listing kept both languages' counts
    make_story(topics=["harbours"])
    assert fetch(client, detail)["story_count"] == 3
    unused = Topic.objects.get(name="secret plans")
    assert fetch(client, f"/api/v2/topics/{unused.pk}/", status=404)
    assert client.get(f"/api/v2/topics/find/?id={unused.pk}").status_code == 404
