"""What an editor does in the real Wagtail admin: write an interview, preview it,
publish it, watch it reach the News line, translate it; schedule a story and see it
stay hidden until its time; make a mistake and lose nothing."""

import re
import time
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

OUTLET_ZONE = ZoneInfo("Asia/Baku")
QUESTIONS = 6


def test_editor_writes_previews_publishes_and_translates_an_interview(
    signed_in_editor, desktop_reader, outlet
):
    editor, reader, tag = signed_in_editor, desktop_reader, uuid.uuid4().hex[:6]
    name = f"Nergiz Alizade {tag}"
    _add_person(editor, name=name, position="Chief planner", organisation="Sulukend council")
    reader.goto("/en/")
    title = f"Parks come first, says the city's planner {tag}"

    editor.goto(f"/admin/pages/add/news/interviewpage/{_section_id(outlet, 'interviews')}/")
    _fill_headline(editor, title, lead="The chief planner on parks, buses and budgets.")
    _choose_person(editor, "interviewee", name)
    for number in range(1, QUESTIONS + 1):
        _add_question(editor, number)
    _preview_shows(editor, title, QUESTIONS)
    _wait_for_autosave(editor)
    _choose_action(editor, "Publish")

    expect(editor.locator(".messages")).to_contain_text("published")
    latest = reader.locator(".news-line__item").first
    expect(latest).to_contain_text(title, timeout=10_000)
    expect(latest.locator(".label")).to_have_text("Interview")

    reader.locator(".news-line__link").first.click()
    expect(reader.locator(".interviewee")).to_contain_text(name)
    expect(reader.locator(".interviewee")).to_contain_text("Chief planner")
    expect(reader.locator(".interviewee")).to_contain_text("Sulukend council")
    expect(reader.locator(".qa__question")).to_have_count(QUESTIONS)

    english_url = reader.url
    _translate_into_azerbaijani(editor, _page_id_from_messages(editor))
    reader.goto(english_url)
    reader.locator("nav.languages a[hreflang=az]").click()
    expect(reader).to_have_url(re.compile(r"/az/[^/]+/[^/]+/$"))
    expect(reader.locator("h1")).to_have_text("Tərcümə 1")
    expect(reader.locator(".news-line__item").first.locator(".label")).to_have_text("Müsahibə")


def test_invalid_story_shows_the_error_and_keeps_what_was_typed(signed_in_editor, outlet):
    editor = signed_in_editor
    title = f"Ferry timetable changes for winter {uuid.uuid4().hex[:6]}"
    editor.goto(f"/admin/pages/add/news/videopage/{_section_id(outlet, 'society')}/")
    _fill_headline(editor, title, lead="Fewer crossings from December.")
    editor.locator("#id_video_url").fill("https://example.com/not-a-video-host")
    _add_paragraph(editor, "The harbour office published the new times today.")

    _choose_action(editor, "Save draft", primary=True)

    expect(editor.locator(".messages")).to_contain_text("could not be created")
    expect(editor.locator("#panel-child-content-video_url-section")).to_contain_text(
        "Use the address of a YouTube or Vimeo video."
    )
    expect(editor.locator("#id_title")).to_have_value(title)
    expect(editor.locator("#id_lead")).to_have_value("Fewer crossings from December.")
    expect(editor.locator(".public-DraftEditor-content").first).to_contain_text("harbour office")

    editor.locator("#id_video_url").fill("https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    _choose_action(editor, "Save draft", primary=True)
    expect(editor.locator(".messages")).to_contain_text("created")
    expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    editor.reload()
    expect(editor.locator("#id_title")).to_have_value(title)
    expect(editor.locator(".public-DraftEditor-content").first).to_contain_text("harbour office")


def test_scheduled_story_is_absent_before_its_time(scheduled_story, browser, outlet):
    page = browser.new_page(base_url=outlet.base)
    _assert_absent_everywhere(page, outlet, scheduled_story)
    page.close()


@pytest.mark.late
def test_scheduled_story_appears_when_its_time_comes(scheduled_story, browser, outlet):
    """Runs after the other browser tests, so the two-minute wait overlaps them."""
    page = browser.new_page(base_url=outlet.base)
    if time.time() < scheduled_story["go_live"] - 5:
        _assert_absent_everywhere(page, outlet, scheduled_story)
    time.sleep(max(0, scheduled_story["go_live"] - time.time()))

    page.goto("/en/")
    # The worker publishes due stories every second; the News line polls every 5 s.
    # Not necessarily first: other tests may have published since.
    item = page.locator(".news-line__item").filter(has_text=scheduled_story["title"])
    expect(item).to_have_count(1, timeout=15_000)
    item.locator("a").click()
    expect(page.locator("h1")).to_have_text(scheduled_story["title"])
    page.close()


@pytest.fixture(scope="session")
def scheduled_story(browser, outlet):
    """A news story scheduled through the admin at least two minutes ahead."""
    context = browser.new_context(base_url=outlet.base)
    editor = context.new_page()
    outlet.sign_in(editor)
    title = f"Night buses return to the old town {uuid.uuid4().hex[:6]}"
    go_live = _whole_minute_at_least(minutes=2)
    editor.goto(f"/admin/pages/add/news/newspage/{_section_id(outlet, 'politics')}/")
    _fill_headline(editor, title, lead="The service resumes after a two-year pause.")
    _add_paragraph(editor, "Buses will run every half hour after midnight.")
    editor.get_by_role("button", name="Toggle status").click()
    editor.locator("[data-a11y-dialog-show=schedule-publishing-dialog]").first.click()
    dialog = editor.locator("#schedule-publishing-dialog")
    dialog.locator("#id_go_live_at").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    dialog.get_by_role("button", name="Save schedule").click()
    _choose_action(editor, "Schedule to publish")
    expect(editor.locator(".messages")).to_contain_text("scheduled for publishing")
    context.close()
    return {"title": title, "go_live": go_live.timestamp(), "slug": _slug(title)}


def _assert_absent_everywhere(page, outlet, story):
    response = page.goto(f"/en/politics/{story['slug']}/")
    assert response.status == 404
    for surface in ("/en/", "/en/politics/", "/en/archive/", "/en/newsline/", "/en/feeds/rss/"):
        page.goto(surface)
        assert story["title"] not in page.content(), surface
    page.goto("/en/search/?q=" + story["title"].split()[0])
    assert story["title"] not in page.content()


def _whole_minute_at_least(*, minutes: int) -> datetime:
    # The admin's go-live field takes minutes; round up so the wait is >= ``minutes``.
    soon = datetime.now(OUTLET_ZONE) + timedelta(minutes=minutes, seconds=59)
    return soon.replace(second=0, microsecond=0)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _section_id(outlet, slug: str, language: str = "en") -> int:
    sections = outlet.api(f"/api/v2/sections/?language={language}&limit=20")["items"]
    return next(s["id"] for s in sections if s["meta"]["slug"] == slug)


def _add_person(editor, *, name, position, organisation):
    editor.goto("/admin/snippets/news/person/add/?locale=en")
    editor.locator("#id_name").fill(name)
    editor.locator("#id_slug").fill(_slug(name))
    editor.locator("#id_position").fill(position)
    editor.locator("#id_organisation").fill(organisation)
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messages")).to_contain_text("created")


def _fill_headline(editor, title, *, lead):
    editor.locator("#id_title").fill(title)
    editor.locator("#id_title").press("Tab")  # the slug follows the headline
    editor.locator("#id_lead").fill(lead)


def _choose_person(editor, field, name):
    editor.locator(f"#panel-child-content-{field}-section button.chooser__choose-button").click()
    modal = editor.locator(".modal-content")
    modal.locator("#id_q").fill(name)
    modal.get_by_role("link", name=name).click()
    expect(modal).to_have_count(0)
    expect(editor.locator(f"#panel-child-content-{field}-section")).to_contain_text(name)


def _add_question(editor, number):
    body = editor.locator("#panel-child-content-body-section")
    body.locator("button.c-sf-add-button").last.click()
    body.locator("textarea[name$='-value-question']").nth(number - 1).fill(f"Question {number}?")
    body.locator(".public-DraftEditor-content").nth(number - 1).click()
    editor.keyboard.type(f"Answer number {number}.")
    _wait_for_rich_text_to_sync(body, f"Answer number {number}.")


def _add_paragraph(editor, text):
    body = editor.locator("#panel-child-content-body-section")
    body.locator("button.c-sf-add-button").last.click()
    picker = editor.get_by_role("option", name=re.compile("^Paragraph", re.I))
    if picker.count():
        picker.first.click()
    body.locator(".public-DraftEditor-content").last.click()
    editor.keyboard.type(text)
    _wait_for_rich_text_to_sync(body, text)


def _wait_for_rich_text_to_sync(body, text):
    # Draftail copies its content into the form's hidden input every 250 ms; a
    # person pauses longer than that before saving, a script does not.
    rich_text = "input[type=hidden][name$='-value'], input[type=hidden][name$='-answer']"
    expect(body.locator(rich_text).last).to_have_value(re.compile(re.escape(text)))


def _preview_shows(editor, title, questions):
    editor.get_by_role("button", name="Toggle preview").click()
    preview = editor.frame_locator("iframe[src*='preview']").first
    expect(preview.locator("h1")).to_have_text(title)
    expect(preview.locator(".qa__question")).to_have_count(questions)
    editor.get_by_role("button", name="Toggle preview").click()


def _wait_for_autosave(editor):
    """Wagtail saves a new page by itself once its form is complete and then edits
    it at its own address; a publish sent to the creation address while that save
    is under way would create the page twice (Wagtail refuses the second slug)."""
    expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=15_000)


def _choose_action(editor, name, *, primary=False):
    footer = editor.locator("nav.footer__container")
    if not primary:
        footer.locator("[data-w-dropdown-target=toggle]").last.click()
    footer.get_by_role("button", name=name, exact=True).click()
    editor.wait_for_load_state()


def _page_id_from_messages(editor) -> int:
    edit = editor.locator(".messages a[href*='/edit/']").first.get_attribute("href")
    return int(re.search(r"/pages/(\d+)/edit/", edit).group(1))


def _translate_into_azerbaijani(editor, page_id):
    editor.goto(f"/admin/localize/submit/page/{page_id}/")
    editor.get_by_label("Azərbaycanca").check()
    editor.get_by_role("button", name="Submit").click()
    expect(editor.locator(".messages")).to_contain_text("submitted for translation")
    translate = editor.get_by_role("button", name="Translate", exact=True)
    # Segments come in the editor's order, the headline first.
    for number in range(1, 100):
        if not translate.count():
            break
        translate.first.click()
        editor.locator("textarea").first.fill(f"Tərcümə {number}")
        editor.get_by_role("button", name="Save", exact=True).click()
        expect(editor.locator("textarea")).to_have_count(0)
    editor.get_by_role("button", name="Publish in Azərbaycanca").click()
    expect(editor.locator(".messages")).to_contain_text("Published")
