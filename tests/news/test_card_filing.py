"""A story's card is filed for the next list that shows it and follows every
change to what it shows: its headline, its picture, its address, its place on
the list. Without the page cache, so each list here is put together anew from
the cards."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsline.core import filing, renditions
from newsline.news import cards
from newsline.news.models import HomeFeaturedStory, HomePage, OpinionPage

from ..core.test_renditions import queued, story_with_a_pending_picture  # noqa: F401
from ..factories import ImageFactory, make_story, section

LISTS = ["/en/", "/en/politics/", "/en/topics/ports/"]


def _cards(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    found = BeautifulSoup(response.content, "lxml").select("article.card")
    return {card.select_one(".card__headline").get_text(): card for card in found}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", LISTS)
def test_a_list_of_filed_cards_reads_as_the_list_rendered_at_once(client, url):
    for number in range(3):
        make_story(title=f"Ferry {number} & <co>", image=ImageFactory(), topics=["ports"])
    rendered = _cards(client, url)  # every card rendered, then filed
    assert len(rendered) == 3
    filed = _cards(client, url)
    assert {title: str(card) for title, card in filed.items()} == {
        title: str(card) for title, card in rendered.items()
    }


def test_a_list_of_filed_cards_loads_no_picture(client):
    for number in range(6):
        make_story(title=f"Quay {number}", image=ImageFactory())
    client.get("/en/politics/")  # sites, locales and renditions settled; the cards filed
    caches["default"].clear()
    rendered = _queries(client, "/en/politics/")
    filed = _queries(client, "/en/politics/")
    assert filed < rendered  # the renditions were not read


@pytest.mark.parametrize("url", LISTS)
def test_an_edit_reaches_a_list_after_the_card_was_filed(client, url):
    story = make_story(title="Harbour reopens", topics=["ports"])
    assert "Harbour reopens" in _cards(client, url)
    story.title = "Harbour reopens at dawn"
    story.lead = "Ferries sail again."
    story.save_revision().publish()
    shown = _cards(client, url)
    assert "Harbour reopens" not in shown
    assert "Harbour reopens at dawn" in shown


def test_a_changed_picture_reaches_the_card(client):
    first, second = ImageFactory(), ImageFactory()
    story = make_story(title="Pictured pier", image=first)
    before = _cards(client, "/en/politics/")["Pictured pier"].select_one("img")["src"]
    story.main_image = second
    story.save_revision().publish()
    after = _cards(client, "/en/politics/")["Pictured pier"].select_one("img")["src"]
    assert after != before
    assert after == second.get_rendition(renditions.CARD_WIDE).url


def test_a_card_with_a_pending_picture_is_not_filed(client, queued):  # noqa: F811
    picture = story_with_a_pending_picture("Pictured bridge")
    pending = _cards(client, "/en/politics/")["Pictured bridge"].select_one("img")["src"]
    assert renditions.PENDING_PICTURE in pending
    renditions.make_renditions(picture)  # what the worker does; nothing is purged
    shown = _cards(client, "/en/politics/")["Pictured bridge"].select_one("img")["src"]
    assert renditions.PENDING_PICTURE not in shown


def test_a_moved_section_reaches_the_cards_address(client):
    politics = section("en", "politics")
    story = make_story(title="Council votes")
    assert _cards(client, "/en/")["Council votes"].select_one("a")["href"] == story.url
    politics.slug = "government"
    politics.save_revision().publish()
    story.refresh_from_db()
    assert "/government/" in story.url
    assert _cards(client, "/en/")["Council votes"].select_one("a")["href"] == story.url


def test_a_withdrawn_story_leaves_the_lists_its_card_was_filed_for(client):
    story = make_story(title="Withdrawn soon", topics=["ports"])
    make_story(title="Stays", topics=["ports"])
    for url in LISTS:
        assert "Withdrawn soon" in _cards(client, url)
    story.unpublish()
    for url in LISTS:
        shown = _cards(client, url)
        assert "Withdrawn soon" not in shown and "Stays" in shown, url


def test_a_top_story_also_featured_shows_its_large_card_and_its_small_one(client):
    top = make_story(title="Top and featured")
    others = [make_story(title=f"Featured {number}") for number in range(2)]
    home = HomePage.objects.get(locale__language_code="en")
    home.top_story = top
    for order, story in enumerate([top, *others]):
        home.featured_stories.add(HomeFeaturedStory(story=story, sort_order=order))
    home.save_revision().publish()
    for _ in range(2):  # rendered, then filed
        page = BeautifulSoup(client.get("/en/").content, "lxml")
        large = page.select(".front-top article.card")
        assert [c.select_one("h2").get_text() for c in large] == ["Top and featured"]
        assert large[0].select_one(".card__lead")
        small = page.select(".front-featured article.card")
        assert [c.select_one("h3").get_text() for c in small][0] == "Top and featured"
        assert not small[0].select_one(".card__lead")


def test_each_languages_lists_show_their_own_cards_rendered_then_filed(client):
    make_story(title="Liman", parent=section("az"))
    make_story(title="Harbour")
    for _ in range(2):  # rendered, then filed
        assert "Liman" in _cards(client, "/az/") and "Liman" not in _cards(client, "/en/")
        assert "Harbour" in _cards(client, "/en/") and "Harbour" not in _cards(client, "/az/")


def test_a_list_is_answered_when_the_cards_cannot_be_read(client, cache_down):
    make_story(title="Quay repairs", image=ImageFactory())

    cache_down()
    assert "Quay repairs" in _cards(client, "/en/politics/")


def test_a_card_is_named_by_its_look_language_address_publication_and_release(monkeypatch):
    story = make_story(title="Named")
    name = cards._name(cards.Look(), "en", story.url, story)
    with monkeypatch.context() as patched:
        patched.setattr(filing, "release_digest", lambda: "the-next-release")
        assert name != cards._name(cards.Look(), "en", story.url, story)
    assert name != cards._name(cards.Look(large=True), "en", story.url, story)
    assert name != cards._name(cards.Look(), "az", story.url, story)
    assert name != cards._name(cards.Look(), "en", "/en/other/", story)
    story.save_revision().publish()
    story.refresh_from_db()
    assert name != cards._name(cards.Look(), "en", story.url, story)


def test_a_kind_label_is_in_the_card_of_its_language(client):
    make_story(OpinionPage, title="Rəy yazısı", parent=section("az"))
    make_story(OpinionPage, title="Opinion piece")
    for _ in range(2):  # rendered, then filed
        az = _cards(client, "/az/")["Rəy yazısı"].select_one(".label").get_text()
        en = _cards(client, "/en/")["Opinion piece"].select_one(".label").get_text()
        assert en == "Opinion" and az not in ("", "Opinion")


def test_a_picture_cropped_anew_reaches_the_card_without_a_new_publication(client):
    picture = ImageFactory()
    make_story(title="Cropped pier", image=picture)
    before = _cards(client, "/en/politics/")["Cropped pier"].select_one("img")["src"]
    picture.focal_point_x, picture.focal_point_y = 10, 10
    picture.focal_point_width = picture.focal_point_height = 20
    picture.save()
    after = _cards(client, "/en/politics/")["Cropped pier"].select_one("img")["src"]
    assert after != before


@pytest.mark.parametrize(
    "changed", ["templates/x.html", "news/x.py", "locale/az/LC_MESSAGES/django.po"]
)
def test_the_release_is_renamed_by_new_markup_code_or_wording(tmp_path, monkeypatch, changed):
    for name in ("templates/x.html", "news/x.py", "locale/az/LC_MESSAGES/django.po"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("before")
    monkeypatch.setattr(filing, "PACKAGE", tmp_path)
    filing.release_digest.cache_clear()
    try:
        before = filing.release_digest()
        (tmp_path / changed).write_text("after")
        filing.release_digest.cache_clear()
        assert filing.release_digest() != before
    finally:
        filing.release_digest.cache_clear()
