from datetime import UTC, datetime

from bs4 import BeautifulSoup

from newsline.i18n import clock

from ..factories import locale, make_story, section


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "lxml")


def switcher(page):
    return {a["hreflang"]: a["href"] for a in page.select("nav.languages a")}


def test_language_switcher_goes_to_the_translation_of_the_story(client):
    story = make_story(parent=section("az"), title="Azərbaycanca başlıq")
    russian = story.copy_for_translation(locale("ru"))
    russian.title = "Русский заголовок"
    russian.save_revision().publish()
    russian.refresh_from_db()
    links = switcher(html(client, story.url))
    assert links["ru"] == russian.url
    assert links["en"] == "/en/"  # no English translation: that language's home
    hreflangs = {
        link["hreflang"]: link["href"] for link in html(client, story.url).select("link[hreflang]")
    }
    assert set(hreflangs) == {"az", "ru"}
    assert hreflangs["ru"].endswith(russian.url)


def test_unpublished_translation_is_not_offered(client):
    story = make_story(parent=section("az"))
    story.copy_for_translation(locale("en"))  # a draft, never published
    assert switcher(html(client, story.url))["en"] == "/en/"


def test_archive_and_search_switch_to_the_same_view_in_another_language(client):
    assert switcher(html(client, "/en/archive/"))["az"] == "/az/archive/"
    assert switcher(html(client, "/en/search/?q=water"))["ru"] == "/ru/search/?q=water"


def test_interface_strings_are_translated(client):
    assert html(client, "/az/").select_one(".news-line__title").get_text() == "Xəbər lenti"
    assert html(client, "/ru/").select_one(".news-line__title").get_text() == "Лента новостей"


def test_unknown_language_prefix_is_not_found(client):
    assert client.get("/de/", follow=True).status_code == 404
    assert client.get("/en-xx/archive/", follow=True).status_code == 404


def test_outlet_clock_formats_in_baku_whatever_the_moment_zone():
    moment = datetime(2023, 5, 27, 10, 54, tzinfo=UTC)
    assert clock.clock_time(moment) == "14:54"
    assert clock.clock_date(moment) == "27.05.2023"
    start, end = clock.day_bounds(clock.outlet_day(moment))
    assert start.astimezone(UTC) == datetime(2023, 5, 26, 20, 0, tzinfo=UTC)
    assert (end - start).total_seconds() == 86400


def test_missing_addresses_outside_the_languages_stay_not_found(client):
    for url in ["/api/v2/stories/999999/", "/api/nothing/", "/media/none.png", "/sitemaps/en/"]:
        assert client.get(url).status_code == 404, url
    assert client.get("/no-such-page/").status_code == 302  # reader addresses get a language
