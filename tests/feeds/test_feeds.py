"""RSS, Atom and JSON Feed, read back by a real feed parser."""

import json
from datetime import timedelta

import feedparser
import pytest
from django.core.cache import caches
from django.utils import timezone

from newsline.news.models import InterviewPage

from ..factories import ImageFactory, PersonFactory, make_story, section

FEED_FORMATS = ["rss", "atom", "json"]


def _parse(response):
    assert response.status_code == 200, response.content[:300]
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def _json_items(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/feed+json")
    document = json.loads(response.content)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    return document


@pytest.mark.parametrize("fmt", ["rss", "atom"])
@pytest.mark.parametrize("language", ["en", "az"])
def test_site_feed_carries_the_whole_story(client, fmt, language):
    person = PersonFactory(name="Aygun Writer")
    story = make_story(
        parent=section(language),
        title="Harbour reopens",
        body_text="Ships return to the old harbour.",
        authors=[person],
        topics=["harbour"],
        image=ImageFactory(),
    )
    feed = _parse(client.get(f"/{language}/feeds/{fmt}/"))
    assert feed.feed.language.startswith(language)
    [entry] = feed.entries
    assert entry.title == "Harbour reopens"
    assert entry.link == f"http://localhost{story.url}"
    assert entry.id.startswith("tag:") and entry.id.endswith(f":story/{story.pk}")
    assert entry.summary == story.lead
    assert "Ships return to the old harbour." in entry.content[0].value
    assert {t.term for t in entry.tags} == {section(language).title, "harbour"}
    assert [a.get("name") for a in entry.authors] == ["Aygun Writer"]
    assert entry.published_parsed is not None
    raw_published = entry.published
    assert "+0400" in raw_published or "+04:00" in raw_published  # the outlet's offset
    image = entry.media_content[0] if fmt == "rss" else entry.enclosures[0]
    assert image["url" if fmt == "rss" else "href"].startswith("http://localhost/")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_json_feed_lists_the_same_stories(client, language):
    story = make_story(parent=section(language), authors=[PersonFactory()], image=ImageFactory())
    document = _json_items(client, f"/{language}/feeds/json/")
    [item] = document["items"]
    assert document["language"] == language
    assert item["url"] == f"http://localhost{story.url}"
    assert item["date_published"].endswith("+04:00")
    assert item["authors"][0]["url"].startswith("http://localhost/")
    assert item["image"].startswith("http://localhost/")
    assert "Plain words" in item["content_html"]


@pytest.mark.parametrize("fmt", FEED_FORMATS)
def test_item_id_survives_an_edit(client, fmt):
    story = make_story(title="First headline")
    url = f"/en/feeds/{fmt}/"
    before = client.get(url).content
    story.title = "Second headline"
    story.save_revision().publish()
    after = client.get(url).content
    if fmt == "json":
        old, new = json.loads(before)["items"][0], json.loads(after)["items"][0]
        assert old["id"] == new["id"] and new["title"] == "Second headline"
        assert new["date_modified"] != old["date_modified"]
    else:
        old, new = feedparser.parse(before).entries[0], feedparser.parse(after).entries[0]
        assert old.id == new.id and new.title == "Second headline"


def test_feeds_of_a_section_topic_and_person_hold_only_their_stories(client):
    writer = PersonFactory(slug="lala-writer")
    politics = make_story(authors=[writer], topics=["budget"])
    sport = make_story(parent=section("en", "sport"))
    cases = {
        "/en/politics/feeds/rss/": politics,
        "/en/sport/feeds/rss/": sport,
        "/en/topics/budget/feeds/rss/": politics,
        "/en/people/lala-writer/feeds/rss/": politics,
    }
    for url, story in cases.items():
        links = [e.link for e in _parse(client.get(url)).entries]
        assert links == [f"http://localhost{story.url}"], url


def test_interviewee_feed_includes_the_interview(client):
    interview = make_story(InterviewPage)
    slug = interview.specific.interviewee.slug
    links = [e.link for e in _parse(client.get(f"/en/people/{slug}/feeds/atom/")).entries]
    assert links == [f"http://localhost{interview.url}"]


def test_feed_holds_the_newest_stories_newest_first(client, settings):
    settings.NEWSLINE_FEED_SIZE = 3
    made = [make_story(published_at=timezone.now() - timedelta(hours=h)) for h in range(5, 0, -1)]
    links = [e.link for e in _parse(client.get("/en/feeds/rss/")).entries]
    assert links == [f"http://localhost{s.url}" for s in reversed(made[-3:])]


def test_conditional_get_answers_not_modified_until_something_changes(client):
    make_story()
    first = client.get("/en/feeds/atom/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/en/feeds/atom/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/en/feeds/atom/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get("/en/feeds/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    make_story()
    assert client.get("/en/feeds/atom/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_withdrawn_story_changes_the_etag(client):
    older = make_story()
    make_story()
    etag = client.get("/en/feeds/json/")["ETag"]
    older.unpublish()
    assert client.get("/en/feeds/json/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/en/feeds/xml/",
        "/en/nowhere/feeds/rss/",
        "/en/topics/none/feeds/rss/",
        "/en/people/nobody/feeds/json/",
    ],
)
def test_unknown_feed_is_not_found(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("language", ["en", "az"])
def test_pages_point_to_their_feeds(client, language):
    make_story(parent=section(language), topics=["budget"])
    home = client.get(f"/{language}/").content.decode()
    assert f'href="http://localhost/{language}/feeds/rss/"' in home
    listing = client.get(f"/{language}/topics/budget/").content.decode()
    assert f'href="http://localhost/{language}/topics/budget/feeds/atom/"' in listing


@pytest.mark.parametrize("path", ["/en/feeds/rss/", "/en/feeds/atom/", "/sitemaps/en/news.xml"])
def test_a_control_character_pasted_into_a_headline_breaks_no_feed(client, path):
    from lxml import etree

    make_story(title="Night\x0bbuses\x07 return", body_text="Words\x0c of the body.")
    answer = client.get(path)
    assert answer.status_code == 200
    assert b"Night buses  return" in answer.content
    etree.fromstring(answer.content)  # well-formed XML


def _pictured_story(number):
    body = json.dumps(
        [
            {"type": "paragraph", "value": f"<p>Words {number}.</p>"},
            {"type": "image", "value": {"image": ImageFactory().pk, "caption": f"Photo {number}"}},
        ]
    )
    return make_story(title=f"Pictured {number}", body=body)


def _feed_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/en/feeds/rss/")  # sites and locales are kept per process after this
    caches["default"].clear()  # every entry rendered anew (feeds/entries.py)
    with CaptureQueriesContext(connection) as captured:
        feed = _parse(client.get("/en/feeds/rss/"))
    assert all("<img" in entry.content[0].value for entry in feed.entries)
    return len(captured)


def test_pictures_in_story_bodies_cost_the_feed_no_query_each(client):
    for number in range(2):
        _pictured_story(number)
    few = _feed_queries(client)
    for number in range(2, 6):
        _pictured_story(number)
    assert _feed_queries(client) == few
