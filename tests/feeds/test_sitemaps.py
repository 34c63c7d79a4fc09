"""Sitemaps, the Google News sitemap and robots.txt, checked against the
sitemaps.org schema and Google's documented rules."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from lxml import etree

from newsline.feeds import sitemaps
from newsline.i18n import clock

from ..factories import PersonFactory, make_story, section, translate

SCHEMAS = Path(__file__).parent / "schemas"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
W3C_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
URLSET = etree.XMLSchema(etree.parse(str(SCHEMAS / "urlset.xsd")))
SITEINDEX = etree.XMLSchema(etree.parse(str(SCHEMAS / "siteindex.xsd")))


def _fetch(client, url, schema):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    tree = etree.fromstring(response.content)
    schema.assertValid(tree)
    for lastmod in tree.iterfind(".//sm:lastmod", NS):
        assert W3C_DATETIME.match(lastmod.text), lastmod.text
    return tree


def _path(url):
    return url.removeprefix("http://localhost")


def _urls(client, url):
    """loc -> {hreflang: href} of one sitemap file."""
    tree = _fetch(client, url, URLSET)
    return {
        node.findtext("sm:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in node.iterfind("xhtml:link", NS)
        }
        for node in tree.iterfind("sm:url", NS)
    }


def _index(client):
    tree = _fetch(client, "/sitemap.xml", SITEINDEX)
    return [_path(loc.text) for loc in tree.iterfind(".//sm:loc", NS)]


def test_every_sitemap_in_the_index_validates(client):
    writer = PersonFactory(slug="writer-one")
    for code in ("az", "en", "ru"):
        make_story(parent=section(code), authors=[writer], topics=["budget"])
    files = _index(client)
    for code in ("az", "en", "ru"):
        assert f"/sitemaps/{code}/pages.xml" in files
        assert f"/sitemaps/{code}/stories-1.xml" in files
        assert f"/sitemaps/{code}/news.xml" in files
    for url in files:
        _urls(client, url)


def test_language_sitemaps_list_home_sections_archive_topics_people_and_stories(client):
    writer = PersonFactory(slug="writer-two")
    story = make_story(authors=[writer], topics=["budget"])
    day = clock.outlet_day(story.published_at)
    pages = _urls(client, "/sitemaps/en/pages.xml")
    for path in [
        "/en/",
        "/en/politics/",
        "/en/sport/",
        "/en/archive/",
        "/en/topics/budget/",
        "/en/people/writer-two/",
    ]:
        assert f"http://localhost{path}" in pages, path
    archive = _urls(client, "/sitemaps/en/archive.xml")
    assert f"http://localhost/en/archive/{day:%Y/%m/%d}/" in archive
    stories = _urls(client, "/sitemaps/en/stories-1.xml")
    assert list(stories) == [f"http://localhost{story.url}"]


def test_story_lastmod_is_its_last_publication_with_the_outlet_offset(client):
    story = make_story()
    story.title = "Corrected headline"
    story.save_revision().publish()
    story.refresh_from_db()
    tree = _fetch(client, "/sitemaps/en/stories-1.xml", URLSET)
    assert tree.findtext(".//sm:lastmod", namespaces=NS) == sitemaps.w3c(story.last_published_at)
    assert tree.findtext(".//sm:lastmod", namespaces=NS).endswith("+04:00")


def test_translations_name_each_other_as_in_the_page_head(client):
    story = make_story(parent=section("az"), title="Azərbaycanca")
    russian = translate(story, "ru", "По-русски")
    entries = _urls(client, "/sitemaps/az/stories-1.xml")
    expected = {"az": f"http://localhost{story.url}", "ru": f"http://localhost{russian.url}"}
    assert entries[f"http://localhost{story.url}"] == expected
    assert _urls(client, "/sitemaps/ru/stories-1.xml")[f"http://localhost{russian.url}"] == expected
    head = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert {link["hreflang"]: link["href"] for link in head.select("link[hreflang]")} == expected


def test_section_alternates_match_the_page_head(client):
    entries = _urls(client, "/sitemaps/en/pages.xml")
    head = BeautifulSoup(client.get("/en/politics/").content, "html.parser")
    in_head = {link["hreflang"]: link["href"] for link in head.select("link[hreflang]")}
    assert entries["http://localhost/en/politics/"] == in_head
    assert set(in_head) == {"az", "en", "ru"}


def test_stories_split_into_numbered_files(client, settings):
    settings.NEWSLINE_SITEMAP_SIZE = 2
    made = {f"http://localhost{make_story().url}" for _ in range(5)}
    files = [f for f in _index(client) if f.startswith("/sitemaps/en/stories-")]
    assert files == [f"/sitemaps/en/stories-{n}.xml" for n in (1, 2, 3)]
    listed = [url for f in files for url in _urls(client, f)]
    assert len(listed) == 5 and set(listed) == made
    assert client.get("/sitemaps/en/stories-4.xml").status_code == 404


@pytest.mark.parametrize("url", ["/sitemaps/xx/pages.xml", "/sitemaps/en/other.xml"])
def test_unknown_sitemap_is_not_found(client, url):
    assert client.get(url).status_code == 404


def _news(client, language="en"):
    tree = _fetch(client, f"/sitemaps/{language}/news.xml", URLSET)
    return tree.findall("sm:url", NS)


def test_news_sitemap_holds_only_the_last_48_hours(client):
    now = timezone.now()
    fresh = make_story(published_at=now - timedelta(hours=47), title="Fresh & new")
    make_story(published_at=now - timedelta(hours=49))
    [entry] = _news(client)
    assert entry.findtext("sm:loc", namespaces=NS) == f"http://localhost{fresh.url}"
    news = entry.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Newsline"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Fresh & new"
    published = news.findtext("news:publication_date", namespaces=NS)
    assert W3C_DATETIME.match(published) and published == sitemaps.w3c(fresh.published_at)


def test_news_sitemap_is_capped_newest_first(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "NEWS_SITEMAP_LIMIT", 2)
    made = [make_story() for _ in range(3)]
    locs = [entry.findtext("sm:loc", namespaces=NS) for entry in _news(client)]
    assert locs == [f"http://localhost{s.url}" for s in (made[2], made[1])]


def test_news_sitemap_is_per_language_and_indexed_only_when_it_has_news(client):
    make_story(parent=section("ru"))
    assert "/sitemaps/ru/news.xml" in _index(client)
    assert "/sitemaps/en/news.xml" not in _index(client)
    empty = etree.fromstring(client.get("/sitemaps/en/news.xml").content)
    assert empty.findall("sm:url", NS) == []
    [entry] = _news(client, "ru")
    news = entry.find("news:news", NS)
    assert news.findtext("news:publication/news:language", namespaces=NS) == "ru"


def test_robots_names_the_sitemaps_and_keeps_crawlers_out_of_admin_and_search(client):
    for code in ("az", "en", "ru"):
        make_story(parent=section(code))
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    for code in ("az", "en", "ru"):
        assert f"Sitemap: http://localhost/sitemaps/{code}/news.xml" in lines
        assert f"Disallow: /{code}/search/" in lines
    assert "Disallow: /admin/" in lines


@pytest.mark.parametrize(
    "url",
    [
        "/sitemaps/en/stories-0.xml",
        "/sitemaps/en/stories-999.xml",
        f"/sitemaps/en/stories-{2**63}.xml",  # overflowed the query: a 500
        f"/sitemaps/en/stories-{10**40}.xml",
    ],
)
def test_out_of_range_story_sitemap_is_not_found(client, url):
    make_story()
    assert client.get(url).status_code == 404
