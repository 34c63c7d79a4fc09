"""The News line's items are filed under their stories' keys: a publication moves
the whole line on but renders only the new story's item; every change to what an
item shows still reaches it. Without the page cache, through the line's own
address, so each request here puts the line together anew when its key moved."""

from datetime import timedelta

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsline.core import filing, renditions, surrogate
from newsline.core.models import NewsImage, NewsRendition
from newsline.publishing.store import purge
from newsline.ticker import fragment

from ..core.test_renditions import queued, story_with_a_pending_picture  # noqa: F401
from ..factories import ImageFactory, make_story, section

LINE = "/en/newsline/"


def _line_moves_on(language="en"):
    """What any publication in the language does to the line's own entry."""
    purge({surrogate.news_line(language)})


def _items(client, url=LINE) -> list:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return BeautifulSoup(response.content, "lxml").select(".news-line__item")


def _by_title(client, url=LINE) -> dict:
    return {
        item.select_one(".news-line__headline").get_text(): item for item in _items(client, url)
    }


def _recording_renders(monkeypatch) -> list:
    """The titles of the items the line renders from now on (not read as filed)."""
    rendered = []
    real = fragment._item_html
    monkeypatch.setattr(
        fragment,
        "_item_html",
        lambda item, request: rendered.append(item.title) or real(item, request),
    )
    return rendered


def test_a_line_of_filed_items_reads_as_the_line_rendered_at_once(client):
    for number in range(3):
        make_story(title=f"Ferry {number} & <co>", image=ImageFactory())
    rendered = [str(item) for item in _items(client)]  # every item rendered, then filed
    assert len(rendered) == 3
    _line_moves_on()
    assert [str(item) for item in _items(client)] == rendered


def test_a_line_of_filed_items_loads_no_picture(client):
    for number in range(6):
        make_story(title=f"Quay {number}", image=ImageFactory())
    client.get(LINE)  # the items filed
    _line_moves_on()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LINE).status_code == 200
    read = " ".join(query["sql"] for query in captured.captured_queries)
    assert NewsImage._meta.db_table not in read and NewsRendition._meta.db_table not in read


def test_a_publication_renders_only_the_new_item(client, monkeypatch):
    for number in range(3):
        make_story(title=f"Older {number}")
    _items(client)
    rendered = _recording_renders(monkeypatch)
    make_story(title="Newest")
    assert list(_by_title(client))[0] == "Newest"
    assert rendered == ["Newest"]


def test_an_edit_reaches_the_line_after_the_item_was_filed(client):
    story = make_story(title="Harbour reopens")
    assert "Harbour reopens" in _by_title(client)
    story.title = "Harbour reopens at dawn"
    story.save_revision().publish()
    shown = _by_title(client)
    assert "Harbour reopens" not in shown and "Harbour reopens at dawn" in shown


def test_a_changed_picture_reaches_the_item(client):
    first, second = ImageFactory(), ImageFactory()
    story = make_story(title="Pictured pier", image=first)
    before = _by_title(client)["Pictured pier"].select_one("img")["src"]
    story.main_image = second
    story.save_revision().publish()
    after = _by_title(client)["Pictured pier"].select_one("img")["src"]
    assert after != before
    assert after == second.get_rendition(renditions.NEWS_LINE_THUMB).url


def test_an_item_with_a_pending_picture_is_not_filed(client, queued):  # noqa: F811
    picture = story_with_a_pending_picture("Pictured bridge")
    pending = _by_title(client)["Pictured bridge"].select_one("img")["src"]
    assert renditions.PENDING_PICTURE in pending
    renditions.make_renditions(picture)  # what the worker does; nothing is purged
    _line_moves_on()  # the line itself is not kept either; its items are asked again
    shown = _by_title(client)["Pictured bridge"].select_one("img")["src"]
    assert renditions.PENDING_PICTURE not in shown


def test_a_breaking_mark_that_ends_leaves_the_item_without_a_purge(client):
    story = make_story(title="Storm warning", is_breaking=True)
    assert _by_title(client)["Storm warning"].select_one(".label--breaking")
    # The mark ends by the clock: no publication, no purge of the story's keys.
    type(story).objects.filter(pk=story.pk).update(breaking_until=timezone.now() - timedelta(1))
    _line_moves_on()
    assert not _by_title(client)["Storm warning"].select_one(".label--breaking")


def test_a_withdrawn_story_leaves_the_line_its_item_was_filed_for(client):
    story = make_story(title="Withdrawn soon")
    make_story(title="Stays")
    assert "Withdrawn soon" in _by_title(client)
    story.unpublish()
    shown = _by_title(client)
    assert "Withdrawn soon" not in shown and "Stays" in shown


def test_each_languages_line_shows_its_own_items_rendered_then_filed(client):
    make_story(title="Liman", parent=section("az"))
    make_story(title="Harbour")
    for _ in range(2):  # rendered, then filed
        assert list(_by_title(client, "/az/newsline/")) == ["Liman"]
        assert list(_by_title(client)) == ["Harbour"]
        _line_moves_on("az")
        _line_moves_on("en")


def test_a_new_release_shows_its_line_at_once_without_a_purge(client, monkeypatch):
    make_story(title="Harbour reopens")
    _items(client)  # the line kept, its item filed
    rendered = _recording_renders(monkeypatch)
    _items(client)
    assert rendered == []
    # A deploy with new markup or wording: a new digest of the release.
    monkeypatch.setattr(filing, "release_digest", lambda: "the-next-release")
    _items(client)
    assert rendered == ["Harbour reopens"]


def test_an_item_is_named_by_its_language_address_publication_and_mark():
    story = make_story(title="Named")
    name = fragment._name(story, story.url, "en")
    assert name != fragment._name(story, story.url, "az")
    assert name != fragment._name(story, "/en/other/", "en")
    story.is_breaking, story.breaking_until = True, timezone.now() + timedelta(hours=1)
    assert name != fragment._name(story, story.url, "en")
    story.is_breaking = False
    story.save_revision().publish()
    story.refresh_from_db()
    assert name != fragment._name(story, story.url, "en")


def test_the_line_rendered_anew_asks_no_site_query(client):
    # Wagtail's lookup built a query each time (2.7 ms of CPU on a slow machine);
    # the site the process remembers serves readers' pages (core/outlet.py).
    make_story(title="Quay")
    client.get(LINE)
    _line_moves_on()
    with CaptureQueriesContext(connection) as captured:
        client.get(LINE)
    assert not [query for query in captured if "wagtailcore_site" in query["sql"]]


def test_an_item_reads_only_its_thumbnails_renditions(client, monkeypatch):
    picture = ImageFactory()
    make_story(title="Pictured quay", image=picture)
    renditions.make_renditions(picture)  # every size the outlet shows, as the worker does
    assert picture.renditions.count() > 1
    loaded = []
    from_db = NewsRendition.from_db.__func__
    monkeypatch.setattr(
        NewsRendition,
        "from_db",
        classmethod(lambda cls, *args: loaded.append(from_db(cls, *args)) or loaded[-1]),
    )
    shown = _by_title(client)["Pictured quay"].select_one("img")["src"]
    assert shown == picture.get_rendition(renditions.NEWS_LINE_THUMB).url
    assert [rendition.filter_spec for rendition in loaded] == [renditions.NEWS_LINE_THUMB]
