"""A story's feed entry is filed for the next feed and follows every change to
what it shows: its text, its people, its section, its pictures, its live updates.
Without the page cache, so each feed here is put together anew from the entries."""

import json

import feedparser
import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from newsline.core import filing, renditions
from newsline.feeds import entries
from newsline.news.models import LivePage, LiveUpdate

from ..core.test_renditions import queued, story_with_a_pending_picture  # noqa: F401
from ..factories import ImageFactory, PersonFactory, make_story, section

FEED = "/en/feeds/rss/"


def _entries(client, url=FEED) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return {entry.title: entry for entry in feedparser.parse(response.content).entries}


def _text(entry) -> str:
    return entry.content[0].value


def test_an_edit_reaches_the_feed_after_the_entry_was_filed(client):
    story = make_story(title="Harbour reopens", body_text="Ferries sail at dawn.")
    assert "Ferries sail at dawn." in _text(_entries(client)["Harbour reopens"])
    story.body = json.dumps([{"type": "paragraph", "value": "<p>Ferries sail at noon.</p>"}])
    story.save_revision().publish()
    text = _text(_entries(client)["Harbour reopens"])
    assert "Ferries sail at noon." in text and "dawn" not in text


def test_a_renamed_author_reaches_the_feed(client):
    writer = PersonFactory(name="Aysel Old")
    make_story(title="Bridge works", authors=[writer])
    assert _entries(client)["Bridge works"].author == "Aysel Old"
    writer.name = "Aysel New"
    writer.save()
    assert _entries(client)["Bridge works"].author == "Aysel New"


def test_a_renamed_section_reaches_the_feed(client):
    make_story(title="Council votes")
    assert "Politics" in [tag.term for tag in _entries(client)["Council votes"].tags]
    politics = section("en", "politics")
    politics.title = "Government"
    politics.save_revision().publish()
    terms = [tag.term for tag in _entries(client)["Council votes"].tags]
    assert "Government" in terms and "Politics" not in terms


def test_a_changed_caption_reaches_the_feed(client):
    photo = ImageFactory(caption="Old caption")
    make_story(title="Pictured harbour", image=photo)
    assert _entries(client)["Pictured harbour"].media_content
    assert "Old caption" in client.get(FEED).content.decode()
    photo.caption = "New caption"
    photo.save()
    feed = client.get(FEED).content.decode()
    assert "New caption" in feed and "Old caption" not in feed


def test_a_live_update_reaches_the_feed(client):
    live = make_story(LivePage, title="Storm live", parent=section("en", "politics"))
    assert "Trees down" not in _text(_entries(client)["Storm live"])
    LiveUpdate.objects.create(
        story=live,
        posted_at=timezone.now(),
        body=json.dumps([{"type": "paragraph", "value": "<p>Trees down on the coast.</p>"}]),
    )
    assert "Trees down on the coast." in _text(_entries(client)["Storm live"])


def test_a_new_release_renders_the_entries_anew_without_a_purge(client, monkeypatch):
    make_story(title="Harbour reopens")
    _entries(client)  # its entry filed
    rendered = []
    original = entries.story_entry
    monkeypatch.setattr(
        entries,
        "story_entry",
        lambda story, *a, **k: rendered.append(story.title) or original(story, *a, **k),
    )
    _entries(client)
    assert rendered == []
    # A deploy with new markup, code or wording: a new digest of the release.
    monkeypatch.setattr(filing, "release_digest", lambda: "the-next-release")
    _entries(client)
    assert rendered == ["Harbour reopens"]


def test_an_entry_with_a_pending_picture_is_not_filed(client, queued):  # noqa: F811
    picture = story_with_a_pending_picture("Pictured bridge")
    assert not _entries(client)["Pictured bridge"].get("media_content")
    renditions.make_renditions(picture)  # what the worker does; nothing is purged
    feed = client.get(FEED).content.decode()
    assert "media:content" in feed and renditions.PENDING_PICTURE not in feed


def _feed_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_feeds_listing_the_same_stories_render_each_entry_once(client):
    for number in range(3):
        make_story(title=f"Shared {number}", authors=[PersonFactory()], topics=["ports"])
    client.get(FEED)  # sites, locales and renditions settled; the entries filed
    caches["default"].clear()
    cold = _feed_queries(client, "/en/politics/feeds/atom/")
    for number in range(3, 9):
        make_story(title=f"Shared {number}", authors=[PersonFactory()], topics=["ports"])
    client.get(FEED)
    filed = _feed_queries(client, "/en/topics/ports/feeds/json/")
    assert filed < cold  # nine stories, none of them loaded


def test_a_feed_is_answered_when_the_entries_cannot_be_read(client, cache_down):
    make_story(title="Quay repairs")

    cache_down()
    assert "Quay repairs" in _entries(client)


@pytest.mark.parametrize("language", ["en", "az"])
def test_an_item_filed_at_one_outlet_address_is_not_served_at_another(client, language):
    make_story(title="Harbour", parent=section(language))
    url = f"/{language}/feeds/rss/"
    assert _entries(client, url)["Harbour"].link.startswith(f"http://localhost/{language}/")
    site = Site.objects.get(is_default_site=True)
    site.hostname = "news.example"  # the outlet moved; nothing else changed
    site.save()
    assert _entries(client, url)["Harbour"].link.startswith(f"http://news.example/{language}/")


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_a_feed_of_filed_items_reads_as_the_feed_rendered_at_once(client, fmt):
    for number in range(3):
        make_story(title=f"Ferry {number} & <co>", authors=[PersonFactory()], topics=["ports"])
    url = f"/en/feeds/{fmt}/"
    rendered = client.get(url).content  # every item rendered, then filed
    assert client.get(url).content == rendered  # every item filed
    if fmt == "json":
        assert [item["title"] for item in json.loads(rendered)["items"]] == [
            f"Ferry {number} & <co>" for number in (2, 1, 0)
        ]
    else:
        feed = feedparser.parse(rendered)
        assert not feed.bozo, feed.bozo_exception
        assert len(feed.entries) == 3
    if fmt == "atom":  # the feed's own date is its newest entry's, as when written at once
        assert feed.feed.updated_parsed == max(entry.updated_parsed for entry in feed.entries)


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_an_empty_feed_is_well_formed(client, fmt):
    PersonFactory(slug="nobody-yet")
    answer = client.get(f"/en/people/nobody-yet/feeds/{fmt}/")
    assert answer.status_code == 200
    if fmt == "json":
        assert json.loads(answer.content)["items"] == []
    else:
        feed = feedparser.parse(answer.content)
        assert not feed.bozo and feed.entries == []


def _sample_entries() -> list:
    from datetime import timedelta

    from newsline.feeds.formats import Author, Entry, Image

    now = timezone.now().replace(microsecond=0)
    picture = Image("http://localhost/media/a.jpg", 1200, 675, 5120, "image/jpeg", "Quay", "N.")
    return [
        Entry(
            id=f"tag:localhost,2026-12-05:story/{number}",
            url=f"http://localhost/en/politics/story-{number}/",
            title=f"Headline {number} <&>",
            summary="A lead & more.",
            content_html="<p>Body</p>",
            published=now - timedelta(hours=number),
            updated=now - timedelta(minutes=number),
            language="en",
            authors=[Author("Aysel", "http://localhost/en/people/aysel/")],
            categories=["Politics", "ports"],
            image=picture if number else None,
        )
        for number in range(3)
    ]


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_items_written_apart_make_the_feed_django_writes_at_once(fmt):
    from newsline.feeds import formats

    info = formats.FeedInfo(
        "Newsline", "http://localhost/en/", "http://localhost/x", "D", "en", None
    )
    entries = _sample_entries()
    whole = {"rss": formats._RssFeed, "atom": formats._AtomFeed}[fmt](
        title=info.title,
        link=info.home_url,
        description=info.description,
        language=info.language,
        feed_url=info.feed_url,
    )
    for entry in entries:
        formats._add(whole, entry)
    written = formats.FORMATS[fmt]
    assert written.write(info, [written.item(e) for e in entries]) == whole.writeString("utf-8")


def test_json_items_written_apart_make_the_document_json_writes_at_once():
    from newsline.feeds import formats

    info = formats.FeedInfo(
        "Newsline", "http://localhost/en/", "http://localhost/x", "D", "en", None
    )
    entries = _sample_entries()
    items_at_once = [formats._json_item(entry) for entry in entries]
    document = {**formats.json_document(info), "items": items_at_once}
    items = [formats.json_item(entry) for entry in entries]
    assert formats.json_feed(info, items) == json.dumps(document, ensure_ascii=False, indent=1)
