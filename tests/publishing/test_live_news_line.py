"""The News line refresh endpoint: one cacheable address per language that open
pages poll, answering 304 until a story changes."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from ..factories import make_story, section

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.mark.parametrize("language", ["en", "az"])
@pytest.mark.usefixtures("key_headers")
def test_fragment_holds_the_news_line_items_of_its_language(client, language):
    mine = make_story(parent=section(language), title="Here and now")
    other = make_story(parent=section("ru"), title="Elsewhere")
    response = client.get(f"/{language}/newsline/")
    html = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert html.lstrip().startswith("<li")
    assert mine.url in html and other.url not in html
    assert f"newsline-{language}" in response["Surrogate-Key"].split()
    assert "s-maxage=2" in response["Cache-Control"]


def test_poll_costs_a_304_until_a_story_is_published(client):
    make_story()
    etag = client.get("/en/newsline/")["ETag"]
    assert client.get("/en/newsline/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    fresh = make_story(title="Breaking now")
    response = client.get("/en/newsline/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert fresh.title in response.content.decode()


def test_pages_embed_the_same_items_and_the_refresh_script(client):
    story = make_story()
    html = client.get(story.url).content.decode()
    page = BeautifulSoup(html, "html.parser")
    line = page.select_one("[data-news-line-url]")
    assert line["data-news-line-url"] == "/en/newsline/"
    assert int(line["data-news-line-refresh"]) <= 10
    # Byte for byte, so the script sees no change until there is one.
    fragment = client.get("/en/newsline/").content.decode().strip()
    assert f'<ol class="news-line__list">\n        {fragment}\n    </ol>' in html
    script = page.select_one("script[src$='newsline.js']")
    assert script.has_attr("defer")
    assert finders.find("newsline/newsline.js")
