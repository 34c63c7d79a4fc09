"""The front page reads like a newspaper: a masthead with the outlet's name, today's
date and the sections, compact on a phone; the News line right after the top story
on a phone and beside the stories on a desktop; section rows without gaps; and
interview questions without stray marks."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE
from .outlet import LANGUAGES

HEADER_BUDGET = 120  # px at 390 px wide, the breaking banner not counted

# A dateline as the outlet's languages write it: Russian months in the genitive,
# Azerbaijani and Russian names in lower case.
WEEKDAYS = {
    "az": ("bazar ertəsi", "çərşənbə axşamı", "çərşənbə", "cümə axşamı", "cümə", "şənbə", "bazar"),
    "ru": ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
}
# fmt: off
MONTHS = {
    "az": ("yanvar", "fevral", "mart", "aprel", "may", "iyun",
           "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня",
           "июля", "августа", "сентября", "октября", "ноября", "декабря"),
}
# fmt: on


@pytest.fixture(scope="module")
def paths(outlet):
    return {language: outlet.page_paths(language) for language in LANGUAGES}


@pytest.fixture
def phone(browser, outlet):
    context = browser.new_context(viewport=PHONE, base_url=outlet.base)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", ["home", "section", "news"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_header_fits_in_120_pixels_on_a_phone(phone, paths, language, kind):
    phone.goto(paths[language][kind])

    header = phone.locator("header.masthead").bounding_box()

    assert header["height"] <= HEADER_BUDGET
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for part in (".masthead__name", ".masthead__date", ".languages", "#search-q", ".sections"):
        expect(phone.locator(f"header.masthead {part}")).to_be_visible()


def test_every_section_is_reachable_in_the_phone_header(phone):
    phone.goto("/en/")
    links = phone.locator("nav.sections a")

    last = links.last
    last.focus()  # the row scrolls sideways to what the keyboard reaches

    box = last.bounding_box()
    assert links.count() > 3
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_line_follows_the_top_story_on_a_phone(phone, language):
    phone.goto(f"/{language}/")

    news_line = phone.locator("aside.news-line").bounding_box()
    top_story = phone.locator(".front-top").bounding_box()
    first_section = phone.locator(".front-section, .front-featured").first.bounding_box()

    assert news_line["y"] < 2 * PHONE["height"]
    assert top_story["y"] + top_story["height"] <= news_line["y"]
    assert news_line["y"] + news_line["height"] <= first_section["y"]
    assert phone.locator("aside.news-line").count() == 1


@pytest.mark.parametrize("kind", ["home", "news"])
def test_news_line_is_the_right_column_on_a_desktop(desktop_reader, paths, kind):
    desktop_reader.goto(paths["en"][kind])

    main = desktop_reader.locator("main").bounding_box()
    news_line = desktop_reader.locator("aside.news-line").bounding_box()

    assert news_line["x"] >= main["x"] + main["width"]
    assert abs(news_line["y"] - main["y"]) < 2  # side by side, from the top
    assert news_line["x"] + news_line["width"] <= DESKTOP["width"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_masthead_shows_today_in_the_outlets_language(phone, outlet, language):
    zone = ZoneInfo(outlet.run("from django.conf import settings; print(settings.TIME_ZONE)"))
    phone.goto(f"/{language}/")
    today = datetime.now(tz=zone).date()  # after the page: a test at midnight sees the new day

    date = phone.locator("header.masthead time")

    if date.get_attribute("datetime") != today.isoformat():  # the page was made before midnight
        phone.reload()
    expect(date).to_have_attribute("datetime", today.isoformat())
    expect(date).to_have_text(_dateline(today, language))


def _dateline(day, language: str) -> str:
    if language == "en":
        return f"{day:%A}, {day.day} {day:%B} {day.year}"
    weekday, month = WEEKDAYS[language][day.weekday()], MONTHS[language][day.month - 1]
    if language == "az":
        return f"{day.day} {month} {day.year}, {weekday}"
    return f"{weekday}, {day.day} {month} {day.year}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_rows_of_stories_are_filled_on_a_desktop(desktop_reader, language):
    desktop_reader.goto(f"/{language}/")

    grids = desktop_reader.evaluate(
        """() => [...document.querySelectorAll('main .grid')].map(grid => {
              const box = grid.getBoundingClientRect();
              const rows = {};
              for (const li of grid.children) {
                  const cell = li.getBoundingClientRect();
                  (rows[Math.round(cell.top)] ||= []).push([cell.left, cell.right]);
              }
              return {left: box.left, right: box.right, rows: Object.values(rows)};
           })"""
    )

    assert len(grids) > 3
    for grid in grids:
        for row in grid["rows"]:
            # No card alone beside empty cells: each row runs the grid's whole width.
            assert abs(min(left for left, _ in row) - grid["left"]) < 2, grid
            assert abs(max(right for _, right in row) - grid["right"]) < 2, grid


@pytest.mark.parametrize("language", ["en", "ru"])
def test_interview_questions_link_to_themselves_without_a_stray_hash(phone, paths, language):
    phone.goto(paths[language]["interview"])
    questions = phone.locator("dt.qa__question")
    expect(questions.first).to_be_visible()

    for index in range(questions.count()):
        question = questions.nth(index)
        anchor = question.locator("a")
        assert "#" not in question.inner_text()
        assert anchor.get_attribute("href") == "#" + question.get_attribute("id")
        anchor.focus()
        assert anchor.evaluate("a => a === document.activeElement")
