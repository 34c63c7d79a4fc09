"""JSON-LD, Open Graph and Twitter cards, read back as a crawler reads them."""

import io
import re

import extruct
import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile

from newsline.i18n import clock
from newsline.news.models import InterviewPage, OpinionPage

from ..factories import ALL_KINDS, ImageFactory, PersonFactory, _png, make_story, section

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+04:00$")


def _wide_image():
    return ImageFactory(file=ImageFile(io.BytesIO(_png(1600, 900)), name="wide.png"))


def _json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200
    data = extruct.extract(
        response.content.decode(), base_url="http://localhost", syntaxes=["json-ld"]
    )
    return {item["@type"]: item for item in data["json-ld"]}


def _head(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    meta = {}
    for tag in html.select("meta[property], meta[name]"):
        meta.setdefault(tag.get("property") or tag.get("name"), tag.get("content"))
    meta["canonical"] = html.select_one("link[rel=canonical]")["href"]
    return meta


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_story_has_complete_news_article_markup(client, kind):
    writer = PersonFactory(name="Nigar Reporter", slug="nigar")
    story = make_story(kind, authors=[writer], topics=["budget"], image=_wide_image())
    items = _json_ld(client, story.url)
    expected_type = kind.story_kind.schema_type
    article = items[expected_type]
    url = f"http://localhost{story.url}"
    assert article["headline"] == story.title
    assert article["description"] == story.lead
    assert article["mainEntityOfPage"]["@id"] == url
    assert article["inLanguage"] == "en"
    assert ISO_WITH_OFFSET.match(article["datePublished"])
    assert ISO_WITH_OFFSET.match(article["dateModified"])
    assert article["datePublished"] == clock.outlet_time(story.published_at).isoformat()
    [image] = article["image"]
    assert image["width"] >= 1200 and image["url"].startswith("http://localhost/")
    [author] = article["author"]
    assert author == {
        "@type": "Person",
        "name": "Nigar Reporter",
        "url": "http://localhost/en/people/nigar/",
        "jobTitle": "Minister of Tests",
        "worksFor": {"@type": "Organization", "name": "Test Ministry"},
    }
    publisher = article["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["logo"]["url"].startswith("http://localhost/static/")
    assert finders.find(publisher["logo"]["url"].removeprefix("http://localhost/static/"))
    assert article["isPartOf"]["@id"] == "http://localhost/en/politics/"
    assert article["articleSection"] == "Politics"
    assert article["keywords"] == ["budget"]
    crumbs = items["BreadcrumbList"]["itemListElement"]
    assert [c["item"] for c in crumbs] == [
        "http://localhost/en/",
        "http://localhost/en/politics/",
        url,
    ]


def test_interview_names_its_genre_and_the_interviewee(client):
    story = make_story(InterviewPage)
    article = _json_ld(client, story.url)["NewsArticle"]
    assert article["genre"] == "Interview"
    assert article["about"]["@type"] == "Person"
    assert article["about"]["name"] == story.specific.interviewee.name


@pytest.mark.parametrize("language", ["az", "ru"])
def test_story_markup_speaks_the_story_language(client, language):
    story = make_story(parent=section(language))
    article = _json_ld(client, story.url)["NewsArticle"]
    assert article["inLanguage"] == language
    assert article["mainEntityOfPage"]["@id"].startswith(f"http://localhost/{language}/")


def test_home_describes_the_outlet_and_its_search(client):
    items = _json_ld(client, "/en/")
    assert items["NewsMediaOrganization"]["name"] == "Newsline"
    action = items["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template == "http://localhost/en/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_json_ld_cannot_be_broken_out_of(client):
    story = make_story(title="</script><script>alert(1)</script>")
    body = client.get(story.url).content.decode()
    assert "<script>alert(1)" not in body
    assert _json_ld(client, story.url)["NewsArticle"]["headline"] == story.title


def test_story_social_cards(client):
    story = make_story(topics=["budget"], image=_wide_image())
    meta = _head(client, story.url)
    url = f"http://localhost{story.url}"
    assert meta["canonical"] == url
    assert meta["og:url"] == url
    assert meta["og:type"] == "article"
    assert meta["og:title"] == story.title
    assert meta["og:description"] == story.lead
    assert meta["og:image"].startswith("http://localhost/") and meta["og:image:width"] == "1200"
    assert meta["article:section"] == "Politics"
    assert meta["article:tag"] == "budget"
    assert ISO_WITH_OFFSET.match(meta["article:published_time"])
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]


@pytest.mark.parametrize(
    "path",
    [
        "/{lang}/",
        "/{lang}/politics/",
        "/{lang}/archive/",
        "/{lang}/archive/{day}/",
        "/{lang}/topics/budget/",
        "/{lang}/people/{person}/",
        "/{lang}/search/?q=budget",
    ],
)
@pytest.mark.parametrize("lang", ["en", "az"])
def test_every_public_page_has_cards_and_a_canonical_address(client, path, lang):
    writer = PersonFactory(slug="card-writer")
    story = make_story(parent=section(lang), topics=["budget"], authors=[writer])
    day = clock.outlet_day(story.published_at).strftime("%Y/%m/%d")
    url = path.format(lang=lang, day=day, person="card-writer")
    meta = _head(client, url)
    assert meta["canonical"] == "http://localhost" + url.split("?")[0]
    for name in ("og:title", "og:url", "og:type", "og:site_name", "og:locale", "twitter:card"):
        assert meta.get(name), (url, name)
    assert meta["og:locale"].startswith(lang)


def test_list_pages_keep_their_cursor_in_the_canonical_address(client):
    for _ in range(3):
        make_story()
    assert _head(client, "/en/archive/?after=abc&utm_source=x")["canonical"] == (
        "http://localhost/en/archive/?after=abc"
    )


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_every_page_has_a_description_for_search_engines(client, language):
    story = make_story(parent=section(language), title="Library opens at night")
    pages = [f"/{language}/", section(language).url, f"/{language}/archive/", story.url]

    descriptions = {url: _head(client, url)["description"] for url in pages}

    assert all(descriptions.values()), descriptions
    assert descriptions[story.url] == story.lead
    assert _head(client, story.url)["og:description"] == story.lead


def test_a_story_without_a_picture_shares_the_outlets_card(client):
    story = make_story(image=None)
    html = BeautifulSoup(client.get(story.url).content, "html.parser")
    card = "http://localhost/static/newsline/share-card.png"
    assert html.select_one('meta[property="og:image"]')["content"] == card
    assert html.select_one('meta[name="twitter:image"]')["content"] == card
    assert _json_ld(client, story.url)["NewsArticle"]["image"][0]["url"] == card


def test_an_opinion_without_a_picture_shares_its_authors_photo(client):
    columnist = PersonFactory(photo=ImageFactory())
    story = make_story(OpinionPage, image=None, authors=[columnist])
    html = BeautifulSoup(client.get(story.url).content, "html.parser")
    shared = html.select_one('meta[property="og:image"]')["content"]
    assert "/images/" in shared and "share-card" not in shared
