"""The masthead's section links are read once per change per language and filed
(news/masthead.py): a page rendered anew reads no section, and a section
published, renamed, withdrawn or expired reaches every masthead at once."""

from datetime import timedelta

import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsline.news.models import SectionPage

from ..factories import make_story, section


def _masthead(client, url) -> dict[str, str]:
    """The masthead's section links of the page at ``url``: title → address."""
    response = client.get(url)
    assert response.status_code == 200
    links = BeautifulSoup(response.content, "lxml").select("nav.sections a")
    return {link.get_text(): link["href"] for link in links}


def _new_section(title: str, slug: str, **fields) -> SectionPage:
    politics = section("en", "politics")
    page = politics.get_parent().add_child(
        instance=SectionPage(title=title, slug=slug, locale=politics.locale, **fields)
    )
    page.save_revision().publish()
    return page


def test_a_page_rendered_anew_reads_no_section_for_its_masthead(client):
    story = make_story(title="Harbour reopens")
    first = _masthead(client, story.url)
    with CaptureQueriesContext(connection) as queries:
        assert _masthead(client, story.url) == first
    sections_read = [q for q in queries.captured_queries if 'FROM "news_sectionpage"' in q["sql"]]
    assert not sections_read
    assert first[section("en", "sport").title] == section("en", "sport").url


def test_a_section_published_renamed_or_withdrawn_reaches_the_masthead(client):
    story = make_story(title="Harbour reopens")
    assert "Science" not in _masthead(client, story.url)
    science = _new_section("Science", "science")
    assert _masthead(client, story.url)["Science"] == science.url
    science.title = "Science and health"
    science.save_revision().publish()
    assert "Science and health" in _masthead(client, story.url)
    science.unpublish()
    assert not {"Science", "Science and health"} & set(_masthead(client, story.url))


def test_a_section_leaves_the_masthead_at_its_expiry_without_a_purge(client):
    story = make_story(title="Harbour reopens")
    expiry = timezone.now() + timedelta(minutes=5)
    _new_section("Election desk", "election", expire_at=expiry)
    assert "Election desk" in _masthead(client, story.url)
    with time_machine.travel(expiry + timedelta(seconds=1), tick=False):
        assert "Election desk" not in _masthead(client, story.url)


def test_each_language_has_its_own_masthead(client):
    english = _masthead(client, make_story().url)
    azerbaijani = _masthead(client, make_story(parent=section("az")).url)
    assert english[section("en").title] == section("en").url
    assert azerbaijani[section("az").title] == section("az").url
    assert section("en").title not in azerbaijani
