"""The ninjs export: every document valid against the official IPTC 2.2 schema."""

import hashlib
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsline.api import queries
from newsline.ingest.ninjs_schema import schema_path
from newsline.news.models import GalleryPage, InterviewPage, OpinionPage

from ..factories import ALL_KINDS, ImageFactory, PersonFactory, locale, make_story, section
from .helpers import fetch, has_offset
from .ninjs_schema import ninjs_errors


def ninjs(client, story):
    document = fetch(client, f"/api/ninjs/{story.pk}/")
    assert ninjs_errors(document) == []
    return document


@pytest.mark.parametrize("kind", ALL_KINDS, ids=lambda kind: kind.__name__)
@pytest.mark.parametrize("code", ["en", "az"])
def test_every_kind_exports_valid_ninjs(client, kind, code):
    author = PersonFactory(locale=locale(code))
    story = make_story(
        kind, parent=section(code), authors=[author], topics=["water"], image=ImageFactory()
    )
    document = ninjs(client, story)
    assert document["type"] == "text"
    assert document["language"] == code
    assert document["headlines"] == [{"role": "main", "value": story.title}]
    assert document["descriptions"][0]["value"] == story.lead
    assert document["bodies"][0]["contenttype"] == "text/html"
    assert document["by"] == author.name
    assert {"name": author.name, "rel": "author"}.items() <= document["people"][0].items()
    assert document["genres"][0]["literal"] == kind.kind
    assert [s["literal"] for s in document["subjects"]] == ["politics", "water"]
    assert document["associations"][0]["name"] == "featureimage"
    assert document["renditions"][0]["href"] == f"http://localhost{story.url}"
    assert has_offset(document["firstcreated"]) and has_offset(document["versioncreated"])


def test_interview_opinion_and_gallery_specifics(client):
    interview = ninjs(client, make_story(InterviewPage, is_breaking=True))
    guest = interview["people"][-1]
    assert guest["rel"] == "about" and guest["name"].startswith("Person")
    assert interview["genres"][0]["uri"] == "http://cv.iptc.org/newscodes/genre/Interview"
    assert interview["urgency"] == 1
    opinion = ninjs(client, make_story(OpinionPage))
    assert opinion["genres"][0]["uri"] == "http://cv.iptc.org/newscodes/genre/Opinion"
    assert "urgency" not in opinion and "associations" not in opinion and "by" not in opinion
    gallery = ninjs(client, make_story(GalleryPage))
    photo = gallery["associations"][0]
    assert (photo["name"], photo["type"], photo["by"]) == ("photo-1", "picture", "k")
    assert photo["renditions"][0]["href"].startswith("http://localhost/media/")


def test_unicode_addresses_are_exported_as_uris(client):
    story = make_story(parent=section("az"), topics=["Siyasət"])
    story.slug = "xəbər-başlığı"
    story.save_revision().publish()
    document = ninjs(client, story)
    assert document["altids"][-1]["value"].endswith("/x%C9%99b%C9%99r-ba%C5%9Fl%C4%B1%C4%9F%C4%B1/")


def test_uri_is_stable_across_an_edit_while_version_moves_on(client):
    story = make_story(title="First headline")
    before = ninjs(client, story)
    with time_machine.travel(timezone.now() + timedelta(minutes=5), tick=False):
        story.title = "Second headline"
        story.save_revision().publish()
    after = ninjs(client, story)
    assert after["uri"] == before["uri"]
    assert after["uri"].startswith("tag:") and after["uri"].endswith(f":story/{story.pk}")
    assert int(after["version"]) > int(before["version"])
    assert after["versioncreated"] > before["versioncreated"]
    assert after["firstcreated"] == before["firstcreated"]
    assert after["headlines"][0]["value"] == "Second headline"


def test_translations_are_separate_items(client):
    story = make_story(parent=section("az"))
    russian = story.copy_for_translation(locale("ru"))
    russian.save_revision().publish()
    az, ru = ninjs(client, story), ninjs(client, russian)
    assert az["uri"] != ru["uri"]
    assert ru["language"] == "ru"
    assert az["altids"][1] == ru["altids"][1]  # the shared translation key


def test_feed_lists_newest_valid_items_of_the_language(client, monkeypatch):
    monkeypatch.setattr(queries, "NINJS_FEED_SIZE", 3)
    stories = [make_story(kind, image=ImageFactory()) for kind in ALL_KINDS]
    make_story(parent=section("ru"))
    feed = fetch(client, "/api/ninjs/?language=en")
    assert [item["altids"][0]["value"] for item in feed["items"]] == [
        str(story.pk) for story in reversed(stories[-3:])
    ]
    for item in feed["items"]:
        assert ninjs_errors(item) == []
    assert len(fetch(client, "/api/ninjs/")["items"]) == 3


def test_feed_filters_by_section_and_time(client):
    old = make_story(parent=section("en", "sport"), published_at=timezone.now() - timedelta(days=3))
    new = make_story(parent=section("en", "sport"))
    make_story(parent=section("en", "politics"))
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    feed = fetch(client, f"/api/ninjs/?section=sport&published_since={since}")
    assert [item["altids"][0]["value"] for item in feed["items"]] == [str(new.pk)]
    feed = fetch(client, "/api/ninjs/?section=sport&language=en")
    assert len(feed["items"]) == 2 and str(old.pk) == feed["items"][1]["altids"][0]["value"]


@pytest.mark.parametrize(
    "query", ["language=xx", "published_since=soon", "section=nowhere", "since=2025-01-01"]
)
def test_feed_bad_parameter_is_a_400_naming_it(client, query):
    parameter = query.partition("=")[0]
    assert parameter in fetch(client, f"/api/ninjs/?{query}", status=400)["message"]


def test_unknown_story_is_a_json_404(client):
    assert fetch(client, "/api/ninjs/999999/", status=404) == {"message": "not found"}


def test_schema_checker_enforces_uri_and_date_time_formats():
    base = {"uri": "tag:localhost,2025-05-27:story/1"}
    assert ninjs_errors(base) == []
    assert ninjs_errors({"uri": "http://localhost/az/xəbər/"})
    assert ninjs_errors({**base, "versioncreated": "2025-05-27T14:00:00"})  # no offset
    assert ninjs_errors({**base, "versioncreated": "2025-13-27T14:00:00Z"})
    assert ninjs_errors({**base, "headline": "not a ninjs property"})


# SHA-256 of IPTC's ninjs-schema_2.2.json as published (and as in shared/schemas/ninjs/).
OFFICIAL_SHA256 = "88c84fa87382c5a7a314fd44ab1041921c7cbac47ab9550bc4964b1fa30897e2"


def test_vendored_schema_is_the_official_one_unchanged():
    assert hashlib.sha256(schema_path("2.2").read_bytes()).hexdigest() == OFFICIAL_SHA256


def _feed_queries(client) -> int:
    client.get("/api/ninjs/")  # warm: renditions made, site root paths cached
    caches["default"].clear()  # every item built anew (api/ninjs.py files them)
    with CaptureQueriesContext(connection) as captured:
        fetch(client, "/api/ninjs/")
    return len(captured)


def test_feed_costs_the_same_queries_for_3_or_15_stories(client):
    people = [PersonFactory(), PersonFactory()]

    def add(n):
        for number in range(n):
            kind = [OpinionPage, InterviewPage, ALL_KINDS[0]][number % 3]
            make_story(kind, authors=people[: number % 3], topics=["a"], image=ImageFactory())

    add(3)
    few = _feed_queries(client)
    add(12)
    assert _feed_queries(client) == few


def test_feed_items_are_filed_and_follow_edits_and_people(client):
    writer = PersonFactory(name="Aysel Old")
    story = make_story(title="Harbour reopens", authors=[writer], image=ImageFactory())
    first = fetch(client, "/api/ninjs/?language=en")
    assert fetch(client, "/api/ninjs/?language=en") == first  # built once, then filed
    with CaptureQueriesContext(connection) as captured:
        fetch(client, "/api/ninjs/?language=en")
    assert not any("news_newspage" in query["sql"] for query in captured)  # no story loaded
    writer.name = "Aysel New"
    writer.save()
    assert fetch(client, "/api/ninjs/?language=en")["items"][0]["by"] == "Aysel New"
    story.title = "Harbour reopens at dawn"
    story.save_revision().publish()
    item = fetch(client, "/api/ninjs/?language=en")["items"][0]
    assert item["headlines"][0]["value"] == "Harbour reopens at dawn"
    assert ninjs_errors(item) == []


def test_an_item_left_without_its_picture_is_not_filed(client):
    from newsline.core import renditions
    from newsline.core.models import NewsRendition

    photo = ImageFactory()
    make_story(image=photo)
    NewsRendition.objects.all().delete()
    assert "associations" not in fetch(client, "/api/ninjs/?language=en")["items"][0]
    renditions.make_renditions(photo)  # as the worker does; nothing is purged
    assert "associations" in fetch(client, "/api/ninjs/?language=en")["items"][0]


def test_feed_items_follow_the_outlets_address_and_name(client):
    from wagtail.models import Site

    make_story(title="Harbour")
    item = fetch(client, "/api/ninjs/?language=en")["items"][0]
    assert item["renditions"][0]["href"].startswith("http://localhost/")
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.site_name = "news.example", "Harbour Herald"
    site.save()
    item = fetch(client, "/api/ninjs/?language=en")["items"][0]
    assert item["renditions"][0]["href"].startswith("http://news.example/")
    assert item["copyrightholder"] == "Harbour Herald"
