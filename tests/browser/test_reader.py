"""What a reader does, on a phone and on a desktop: from the home page through a
story, the News line, the archive, a translation, search, an author and a topic;
the News line updating by itself; every link reachable from the keyboard."""

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

TRANSLATED_STORY = """
import json
from wagtail.models import Locale
from newsline.news.models import ArticlePage
en, az = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="az")
stories = ArticlePage.objects.published().in_locale(en).filter(topics__isnull=False)
for story in stories.filter(authors__isnull=False).distinct().order_by("-published_at"):
    translation = story.get_translation_or_none(az)
    if translation and translation.live:
        print(json.dumps([story.url, translation.url, translation.title]))
        break
"""

PUBLISH_STORY = """
from django.utils import timezone
from wagtail.models import Locale
from newsline.news.models import NewsPage, SectionPage
section = SectionPage.objects.live().get(locale__language_code="en", slug="politics")
story = NewsPage(title={title!r}, slug={slug!r}, lead="Published while a reader watched.",
                 locale=section.locale, published_at=timezone.now())
section.add_child(instance=story)
story.save_revision().publish()
"""


def test_reader_journey_through_the_site(reader, outlet):
    reader.goto("/en/")
    _open(reader, reader.locator("main .card__headline a").first)
    _shows_a_whole_story(reader)

    current = reader.url
    item = reader.locator(f".news-line__link:not([href='{_path(current)}'])").first
    _open(reader, item, headline=item.locator(".news-line__headline").inner_text())

    reader.locator(".news-line__all").click()
    expect(reader).to_have_url(re.compile(r"/en/archive/$"))
    reader.locator("main a[href*='/archive/20']").first.click()
    expect(reader.locator("h1")).to_contain_text("News of")
    day = _archive_date(reader.url)
    reader.locator("main a[rel=next]").click()  # "next" goes into the past, as on lists
    assert _archive_date(reader.url) < day

    english, azerbaijani, az_headline = json.loads(outlet.run(TRANSLATED_STORY))
    reader.goto(english)
    reader.locator("nav.languages a[hreflang=az]").click()
    expect(reader).to_have_url(re.compile(re.escape(azerbaijani) + "$"))
    expect(reader.locator("html")).to_have_attribute("lang", "az")

    reader.locator("#search-q").fill(max(az_headline.split(), key=len))
    reader.locator("#search-q").press("Enter")
    _open(reader, reader.locator(f".search-results a[href='{azerbaijani}']"))

    author = reader.locator(".bylines a").first
    name = author.inner_text()
    author.click()
    expect(reader.locator("h1")).to_have_text(name)

    reader.go_back()
    topic = reader.locator(".topics a").first
    topic_name = topic.inner_text()
    topic.click()
    expect(reader.locator("h1")).to_contain_text(topic_name)
    expect(reader.locator("main .card").first).to_be_visible()


def _open(page, link, headline=None):
    headline = headline or link.inner_text()
    link.click()
    expect(page.locator("h1")).to_have_text(headline.strip())


def _shows_a_whole_story(page):
    for part in (".story__kicker a", ".story__time time", ".story__lead", ".story__body"):
        expect(page.locator(part).first).to_be_visible()


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _archive_date(url: str) -> str:
    return re.search(r"/archive/(\d{4}/\d{2}/\d{2})/", url).group(1)


def test_news_line_shows_a_story_published_while_the_page_is_open(reader, outlet):
    reader.goto("/en/")
    reader.evaluate("window.sameDocument = true")
    title = f"Council opens a night market {uuid.uuid4().hex[:6]}"

    outlet.run(PUBLISH_STORY.format(title=title, slug=f"night-market-{uuid.uuid4().hex[:8]}"))

    # Among the newest, not necessarily first: a scheduled story may go live meanwhile.
    item = reader.locator(".news-line__item").filter(has_text=title)
    expect(item).to_have_count(1, timeout=10_000)
    assert reader.evaluate("window.sameDocument") is True, "the page was reloaded"


@pytest.mark.parametrize("path", ["/en/", "story"])
def test_keyboard_reaches_every_link_with_a_visible_focus_ring(page, outlet, path):
    page.goto(outlet.base + (outlet.story_path("en") if path == "story" else path))
    links = page.evaluate(
        """() => [...document.querySelectorAll('a[href]')]
              .filter(a => a.getClientRects().length && getComputedStyle(a).visibility !== 'hidden')
              .map(a => a.href)"""
    )
    reached, unringed = set(), []

    for _ in range(len(links) + 40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        reached.add(focused["href"])
        if not focused["ring"]:
            unringed.append(focused["href"])

    assert set(links) - reached == set()
    assert unringed == []


# The focused element, if it is a link, and whether a focus ring is drawn around it.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || !el.matches('a[href]')) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return {href: el.href, ring: outline || style.boxShadow !== 'none'};
}"""
