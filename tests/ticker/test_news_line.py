import os
import time
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from newsline.news.models import GalleryPage, InterviewPage, NewsPage, OpinionPage, VideoPage

from ..factories import ImageFactory, make_story, section


def news_line(client, url="/en/"):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "lxml").select_one("aside.news-line")


@pytest.fixture
def server_in_utc():
    """Run the process in UTC, as many servers do, and restore the zone after."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


def test_news_line_lists_newest_stories_of_all_sections_first(client):
    older = make_story(parent=section("en", "sport"))
    newer = make_story(parent=section("en", "politics"))
    items = [a["href"] for a in news_line(client).select(".news-line__link")]
    assert items.index(newer.url) < items.index(older.url)


def test_news_line_holds_the_configured_number_of_stories(client, settings):
    settings.NEWSLINE_NEWS_LINE_SIZE = 3
    stories = [make_story() for _ in range(5)]
    items = [a["href"] for a in news_line(client).select(".news-line__link")]
    assert items == [s.url for s in reversed(stories[-3:])]


def test_news_line_shows_time_and_date_in_baku_while_server_runs_in_utc(client, server_in_utc):
    make_story(title="Late night story", published_at=datetime(2023, 5, 27, 22, 54, tzinfo=UTC))
    item = news_line(client).select(".news-line__item")[-1]
    assert item.select_one(".news-line__time").get_text() == "02:54"
    assert item.select_one(".news-line__date").get_text() == "28.05.2023"


def test_news_line_is_per_language(client):
    english = make_story(parent=section("en"))
    azeri = make_story(parent=section("az"))
    items = [a["href"] for a in news_line(client, "/az/").select(".news-line__link")]
    assert azeri.url in items and english.url not in items


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (VideoPage, "Video"),
        (OpinionPage, "Opinion"),
        (InterviewPage, "Interview"),
        (GalleryPage, "Photo"),
        (NewsPage, None),
    ],
)
def test_news_line_label_comes_from_the_kind_not_the_headline(client, kind, label):
    story = make_story(kind, title="A plain headline")
    item = news_line(client).select(".news-line__item")[0]
    assert item.select_one(".news-line__headline").get_text() == story.title
    found = item.select_one(".label")
    assert (found.get_text() if found else None) == label


def test_news_line_labels_are_translated(client):
    make_story(VideoPage, parent=section("ru"))
    assert news_line(client, "/ru/").select_one(".label").get_text() == "Видео"


def test_news_line_shows_a_thumbnail_only_where_the_story_has_an_image(client):
    with_image = make_story(image=ImageFactory())
    make_story()
    items = news_line(client).select(".news-line__item")
    assert items[0].select_one("img") is None
    assert items[1].select_one("a")["href"] == with_image.url
    thumb = items[1].select_one("img")
    assert thumb["alt"] == "" and thumb["src"].endswith(".webp")
    assert items[1].get_text().count(with_image.title) == 1


@pytest.mark.parametrize(("code", "text"), [("az", "Hamısı"), ("en", "All"), ("ru", "Все")])
def test_news_line_ends_with_the_all_link_to_the_archive(client, code, text):
    link = news_line(client, f"/{code}/").select(".news-line > a")[-1]
    assert link.get_text() == text
    assert link["href"] == f"/{code}/archive/"


def test_news_line_is_on_every_public_page(client):
    story = make_story(topics=["harbour"])
    for url in [
        story.url,
        "/en/",
        "/en/politics/",
        "/en/archive/",
        "/en/topics/harbour/",
        "/en/search/?q=x",
    ]:
        assert news_line(client, url) is not None, url
