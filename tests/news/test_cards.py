"""The story card, the unit of every list, in each place it is shown."""

from datetime import datetime
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup

from newsline.news.models import OpinionPage

from ..factories import ImageFactory, make_story, section

BAKU = ZoneInfo("Asia/Baku")


def cards(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "lxml").select("article.card")


def test_a_card_shows_time_kind_headline_lead_and_picture(client):
    moment = datetime(2023, 5, 27, 14, 54, tzinfo=BAKU)
    story = make_story(
        OpinionPage, title="Card headline", published_at=moment, image=ImageFactory()
    )
    (card,) = [c for c in cards(client, "/en/politics/") if "Card headline" in c.get_text()]
    assert card.select_one("time").get_text() == "14:54 27.05.2023"
    assert card.select_one("time")["datetime"] == "2023-05-27T14:54:00+04:00"
    assert card.select_one(".label").get_text() == str(story.label)
    assert card.select_one(".card__headline a")["href"] == story.url
    assert card.select_one(".card__lead").get_text() == story.lead
    image = card.select_one("img")
    assert image["loading"] == "lazy" and " 320w, " in image["srcset"]
    # The test picture is 320×180: the wide rendition is never an upscale.
    assert (image["width"], image["height"]) == ("320", "180")


def test_a_headline_with_markup_is_shown_as_text_in_every_card(client):
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    story = make_story(title=hostile)
    make_story(title="Beside it")
    for url in ("/en/", "/en/politics/"):
        response = client.get(url).content.decode()
        assert "<script>alert" not in response and "<b>bold</b>" not in response
        headlines = [c.select_one(".card__headline").get_text() for c in cards(client, url)]
        assert hostile in headlines, url
    assert story.live


def test_cards_are_in_the_pages_language(client):
    story = make_story(parent=section("az"), title="Kart başlığı")
    (card,) = [c for c in cards(client, section("az").url) if "Kart başlığı" in c.get_text()]
    assert card.select_one("a")["href"] == story.url


def test_a_headline_with_markup_is_text_in_the_news_line_escaped_as_django_escapes(client):
    hostile = '<img src=x onerror=alert(1)> Reader\'s "choice"'
    make_story(title=hostile)
    response = client.get("/en/newsline/").content.decode()
    assert "<img src=x" not in response
    assert "&lt;img src=x onerror=alert(1)&gt; Reader&#x27;s &quot;choice&quot;" in response
    items = BeautifulSoup(response, "lxml").select(".news-line__headline")
    assert hostile in [item.get_text() for item in items]
