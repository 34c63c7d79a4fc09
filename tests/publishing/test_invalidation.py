"""Publishing a change purges exactly the pages that show the story: its old and
new places, in every language it is translated into, and nothing else."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsline.core import surrogate
from newsline.i18n import clock
from newsline.publishing.invalidation import affected_keys, footprint

from ..factories import PersonFactory, locale, make_story, section
from .conftest import hit

pytestmark = pytest.mark.usefixtures("page_cache")


def _main(client, url):
    """The page's own content, without the News line beside it."""
    return BeautifulSoup(client.get(url).content, "html.parser").select_one("main").get_text()


def _warm(client, urls):
    for url in urls:
        client.get(url)
        assert hit(client, url), url


def test_keys_of_a_story_name_all_its_places_and_only_those():
    writer = PersonFactory()
    story = make_story(authors=[writer], topics=["budget"])
    keys = affected_keys(footprint(story))
    day = clock.outlet_day(story.published_at)
    tag_id = story.tagged_topics.get().tag_id
    assert keys == {
        surrogate.story(story.translation_key),
        surrogate.section(section("en").pk),
        surrogate.topic(tag_id, "en"),
        surrogate.person(writer.translation_key),
        surrogate.home("en"),
        surrogate.archive("en"),
        surrogate.day("en", day),
        surrogate.news_line("en"),
        surrogate.breaking("en"),
        surrogate.feed("en"),
        surrogate.search("en"),
        surrogate.SITEMAPS,
        surrogate.API,
    }


def test_publishing_purges_the_story_places_and_keeps_the_rest(client):
    other = make_story(parent=section("en", "sport"), topics=["football"])
    make_story(parent=section("az"))
    make_story(topics=["budget"])
    purged = [
        "/en/newsline/",  # first: every page below puts it in, caching it again
        "/en/",
        "/en/politics/",
        "/en/topics/budget/",
        "/en/feeds/rss/",
        "/en/archive/",
        "/sitemap.xml",
    ]
    kept = [
        "/az/",
        "/az/politics/",
        "/en/sport/",
        other.url,
        "/en/topics/football/",
        "/az/newsline/",
        "/az/feeds/atom/",
    ]
    _warm(client, purged + kept)
    new = make_story(title="Fresh budget vote", topics=["budget"])
    for url in purged:
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
    for url in kept:
        assert hit(client, url), url
    assert new.title in client.get("/en/newsline/").content.decode()
    # A page kept in the cache shows the new story in its News line all the same.
    kept_page = client.get("/en/sport/")
    assert kept_page["X-Cache"] == "HIT"
    assert new.title in kept_page.content.decode()


def test_an_edit_purges_the_places_the_story_left(client):
    make_story(topics=["budget"])  # keeps the topic page there once the story leaves
    story = make_story(topics=["budget"])
    _warm(client, ["/en/topics/budget/", story.url, "/en/sport/"])
    story.topics.set(["housing"])
    story.save_revision().publish()
    assert not hit(client, "/en/topics/budget/")  # the topic it left
    assert not hit(client, story.url)
    assert hit(client, "/en/sport/")


def test_unpublishing_takes_the_story_off_cached_pages(client):
    story = make_story(title="Withdrawn tonight")
    _warm(client, ["/en/", "/en/politics/", "/en/feeds/json/"])
    story.unpublish()
    for url in ["/en/", "/en/politics/", "/en/feeds/json/"]:
        response = client.get(url)
        assert "Withdrawn tonight" not in response.content.decode(), url
    assert client.get(story.url).status_code == 404


def test_moving_a_story_purges_both_sections(client):
    story = make_story(title="Moved story")
    make_story(parent=section("en", "sport"))
    _warm(client, ["/en/politics/", "/en/sport/", "/az/"])
    story.move(section("en", "sport"), pos="last-child")
    assert "Moved story" not in _main(client, "/en/politics/")
    assert "Moved story" in _main(client, "/en/sport/")
    assert hit(client, "/az/")


def test_publishing_a_translation_purges_the_original_story_page(client):
    story = make_story(parent=section("az"), title="Azərbaycanca")
    _warm(client, [story.url])
    russian = story.copy_for_translation(locale("ru"))
    russian.title = "По-русски"
    russian.save_revision().publish()
    response = client.get(story.url)
    assert response["X-Cache"] == "MISS"
    assert 'hreflang="ru"' in response.content.decode()


def test_a_new_privacy_restriction_purges_every_cached_page(client):
    story = make_story(title="Members only soon")
    _warm(client, ["/en/", story.url, "/en/feeds/rss/"])
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="x")
    assert "Members only soon" not in client.get("/en/").content.decode()
    assert "Members only soon" not in client.get("/en/feeds/rss/").content.decode()


def test_the_news_line_fragment_is_purged_even_without_the_page_cache(client, settings):
    settings.NEWSLINE_PAGE_CACHE = False
    make_story()
    client.get("/en/")
    later = make_story(title="Just in", published_at=timezone.now() - timedelta(seconds=5))
    assert later.title in client.get("/en/newsline/").content.decode()
    assert later.title in client.get("/en/sport/").content.decode()  # embedded line too


def test_a_withdrawal_purges_no_page_wholesale():
    """The News line and the banner are fragments: pages around them stay cached."""
    story = make_story()
    assert surrogate.site("en") not in affected_keys(footprint(story), None)


def test_withdrawn_story_leaves_the_news_line_and_related_lists_of_cached_pages(client):
    story = make_story(title="Pulled by the desk", topics=["budget"])
    neighbour = make_story(parent=section("en", "sport"), topics=["budget"])
    _warm(client, [neighbour.url, "/en/sport/", "/az/"])
    story.unpublish()
    for url in [neighbour.url, "/en/sport/"]:
        assert "Pulled by the desk" not in client.get(url).content.decode(), url
    assert hit(client, "/az/")


def test_home_curation_purges_only_that_languages_home(client):
    story = make_story()
    az_story = make_story(parent=section("az"))
    _warm(client, ["/en/", "/az/", "/en/politics/", story.url, az_story.url])
    home = section("en").get_parent().specific
    home.top_story = story
    home.save_revision().publish()
    assert not hit(client, "/en/")
    for url in ["/az/", "/en/politics/", story.url, az_story.url]:
        assert hit(client, url), url


def test_renaming_a_section_purges_its_languages_pages_only(client):
    story = make_story()
    az_story = make_story(parent=section("az"))
    _warm(client, ["/en/", "/az/", story.url, az_story.url, "/en/sport/"])
    politics = section("en")
    politics.title = "Power and Politics"
    politics.save_revision().publish()
    for url in ["/en/", story.url, "/en/sport/"]:  # every page names it in the masthead
        assert "Power and Politics" in client.get(url).content.decode(), url
    assert hit(client, "/az/") and hit(client, az_story.url)


def test_cdn_addresses_follow_every_feed_format_and_sitemap_file(client, settings):
    """Publishing asks the feeds app for its addresses: a new feed format or
    sitemap file is purged at a CDN without publishing knowing of it."""
    from newsline.feeds.formats import FORMATS
    from newsline.publishing.invalidation import affected_paths

    settings.NEWSLINE_SITEMAP_SIZE = 1
    writer = PersonFactory(slug="writer")
    make_story()
    story = make_story(authors=[writer], topics=["budget"])
    paths = affected_paths(footprint(story))
    for fmt in FORMATS:
        for listing in ["/en/", "/en/politics/", "/en/topics/budget/", "/en/people/writer/"]:
            assert f"{listing}feeds/{fmt}/" in paths
    index = client.get("/sitemap.xml").content.decode()
    listed = {
        line.split("<loc>http://localhost")[1].split("</loc>")[0]
        for line in index.split("\n")
        if "<loc>" in line and "/sitemaps/en/" in line
    }
    assert listed and listed <= paths
