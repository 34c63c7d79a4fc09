"""The breaking-news day in a browser and behind the shipped nginx: the banner comes
and goes on open pages and on cached ones (with JavaScript off too), live updates
arrive on an open page, and the shipped nginx serves the same bytes as Newsline alone."""

import re
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from ..nginx import ShippedNginx, executable

NEWEST_EN_STORY = """
from newsline.news.models import NewsPage
story = (NewsPage.objects.live().filter(locale__language_code="en", is_breaking=False)
         .order_by("-published_at").first())
"""
MARK_BREAKING = (
    NEWEST_EN_STORY
    + """
story.is_breaking, story.breaking_until = True, None
story.save_revision().publish()
print(story.pk)
"""
)
END_BREAKING = """
from newsline.news.models import ArticlePage
from newsline.news.services import end_breaking
end_breaking(ArticlePage.objects.get(pk={pk}))
"""
POST_UPDATE = """
from django.contrib.auth import get_user_model
from newsline.news.models import LivePage, LiveUpdate
from newsline.news.services import post_update
story = LivePage.objects.live().get(locale__language_code="en")
update = LiveUpdate(headline={headline!r}, body=[("paragraph", "<p>{text}</p>")])
post_update(story, update, get_user_model().objects.get(username="admin"))
"""
TITLE_OF = """
from newsline.news.models import ArticlePage
print(ArticlePage.objects.get(pk={pk}).title)
"""


def _get(url: str, headers: dict | None = None) -> tuple[dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return dict(response.headers), response.read()


def _banner(body: bytes) -> str:
    found = re.search(rb'<div class="breaking-slot"[^>]*>(.*?)</div>', body, re.S)
    return found.group(1).decode() if found else ""


@pytest.fixture
def breaking(outlet):
    """Mark the newest English story breaking; end it afterwards."""
    pk = int(outlet.run(MARK_BREAKING).splitlines()[-1])
    yield pk, outlet.run(TITLE_OF.format(pk=pk))
    outlet.run(END_BREAKING.format(pk=pk))


@pytest.fixture(scope="module")
def nginx(outlet, tmp_path_factory):
    if executable() is None:
        pytest.skip("nginx is not installed: run `make install` as root")
    with ShippedNginx(
        tmp_path_factory.mktemp("nginx"), data=outlet.directory, app_port=outlet.port
    ) as base:
        yield base


def test_nginx_serves_the_same_bytes_as_newsline_alone(outlet, nginx):
    for path in ["/en/", "/az/", outlet.story_path("ru")]:
        _get(nginx + path)
        through_nginx = _get(nginx + path)[1]
        alone = _get(outlet.base + path)[1]
        assert b"<!--#" not in through_nginx and b"newsline-slot" not in through_nginx
        assert through_nginx == alone, path


def test_a_reader_cannot_have_nginx_keep_a_page_without_its_fragments(outlet, nginx):
    # The outlet allows the SSI form (outlet.py): only nginx stands in the way. A new
    # cache entry (its own query), so the request reaches the app.
    url = nginx + "/en/?reader-asks-for-includes"
    asked = _get(url, {"X-Newsline-Fragments": "ssi"})[1]
    for body in (asked, _get(url)[1]):
        assert b"<!--#" not in body and b'<ol class="news-line__list">' in body


def test_through_nginx_the_banner_comes_and_goes_while_pages_stay_cached(outlet, nginx):
    story_path = outlet.story_path("en", "opinion")
    for path in ["/en/", story_path]:
        _get(nginx + path)
    pk = int(outlet.run(MARK_BREAKING).splitlines()[-1])
    title = outlet.run(TITLE_OF.format(pk=pk))
    try:
        for path in ["/en/", story_path]:
            assert _waited(lambda p=path: title in _banner(_get(nginx + p)[1])) <= 2.5, path
    finally:
        outlet.run(END_BREAKING.format(pk=pk))
    assert _waited(lambda: title not in _banner(_get(nginx + "/en/")[1])) <= 2.5


def _waited(condition, timeout: float = 10) -> float:
    """Seconds until ``condition()`` holds (fails after ``timeout``)."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not within {timeout} s")
        time.sleep(0.1)
    return time.monotonic() - start


def test_the_banner_appears_and_goes_on_an_open_page(desktop_reader, outlet):
    desktop_reader.goto("/en/")
    slot = desktop_reader.locator(".breaking-slot")
    pk = int(outlet.run(MARK_BREAKING).splitlines()[-1])
    title = outlet.run(TITLE_OF.format(pk=pk))
    try:
        expect(slot.locator(".breaking")).to_contain_text(title, timeout=15_000)
    finally:
        outlet.run(END_BREAKING.format(pk=pk))
    expect(slot).not_to_contain_text(title, timeout=15_000)


def test_without_javascript_a_reload_shows_the_banner(browser, outlet, breaking):
    _pk, title = breaking
    context = browser.new_context(java_script_enabled=False, base_url=outlet.base)
    page = context.new_page()
    try:
        page.goto("/en/")
        expect(page.locator(".breaking")).to_contain_text(title)
    finally:
        context.close()


def test_live_updates_arrive_on_an_open_page(desktop_reader, outlet):
    desktop_reader.goto(outlet.story_path("en", "live"))
    outlet.run(POST_UPDATE.format(headline="Boats on the square", text="Arrived while reading"))
    first = desktop_reader.locator(".live-updates--stream > li").first
    expect(first).to_contain_text("Arrived while reading", timeout=10_000)


def test_a_reader_who_has_scrolled_gets_a_button_for_new_updates(browser, outlet):
    context = browser.new_context(viewport={"width": 390, "height": 500}, base_url=outlet.base)
    page = context.new_page()
    try:
        page.goto(outlet.story_path("en", "live"))
        page.locator(".live-updates--stream > li").last.scroll_into_view_if_needed()
        page.mouse.wheel(0, 400)
        outlet.run(POST_UPDATE.format(headline="Second wave", text="Held for the reader"))
        button = page.locator(".live__new-button")
        expect(button).to_be_visible(timeout=10_000)
        expect(button).to_contain_text("1")
        stream = page.locator(".live-updates--stream")
        expect(stream).not_to_contain_text("Held for the reader")  # the text did not move
        # Clicked where it is: a click that first scrolled the page to the button
        # would bring the reader back to the top, where updates come in by themselves.
        button.evaluate("button => button.click()")
        expect(stream.locator("> li").first).to_contain_text("Held for the reader")
        expect(button).to_be_hidden()
    finally:
        context.close()
