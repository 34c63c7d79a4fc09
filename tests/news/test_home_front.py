"""The home's front (curated stories, live coverage, the sections' blocks) is
filed with its page's other parts (news/filed.py): a home rendered anew reads
no story while nothing it shows changed, and follows every change to what it
shows, by a purge or by the clock. Without the page cache, so each home here is
rendered anew."""

import re
from datetime import timedelta

import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsline.core import renditions
from newsline.news.models import HomePage, LivePage

from ..core.test_renditions import queued, story_with_a_pending_picture  # noqa: F401
from ..factories import ImageFactory, make_story, section

NONCE = re.compile(r'nonce="[^"]*"')


def _home(client, language="en") -> str:
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    return response.content.decode()


def _front(client, language="en") -> BeautifulSoup:
    page = BeautifulSoup(_home(client, language), "lxml")
    front = BeautifulSoup("", "lxml")
    for part in page.select(".front__lead, .front__rest"):
        front.append(part)
    return front


def _titles(client, language="en") -> list[str]:
    return [link.get_text(strip=True) for link in _front(client, language).select("a")]


def _curate(top, *featured):
    home = HomePage.objects.get(locale__language_code="en")
    home.top_story = top
    home.featured_stories.clear()
    for story in featured:
        home.featured_stories.create(story=story)
    home.save_revision().publish()


def test_the_home_from_its_filed_front_reads_as_the_home_rendered_at_once(client):
    _curate(make_story(title="Top & <story>", image=ImageFactory()), make_story(title="Featured"))
    make_story(LivePage, title="Storm live")
    make_story(parent=section("en", "sport"), title="Derby won", is_breaking=True)
    rendered = _home(client)
    assert "Top &amp; &lt;story&gt;" in rendered and "Storm live" in rendered
    assert "Derby won" in rendered and "Featured" in rendered
    filed = _home(client)
    assert NONCE.sub("", filed) == NONCE.sub("", rendered)


def test_a_home_from_its_filed_front_reads_no_story_or_section(client):
    _curate(make_story(title="Top story"), make_story(title="Featured"))
    make_story(parent=section("en", "sport"), title="Derby won")
    _home(client)  # the front filed
    _home(client)  # the masthead's links filed (the home read them with its front)
    with CaptureQueriesContext(connection) as queries:
        _home(client)
    read = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("news_homefeaturedstory", "news_livepage", 'FROM "news_sectionpage"'):
        assert table not in read
    assert len(queries) <= 3  # the address, the page, its restrictions


def test_a_story_published_edited_or_withdrawn_reaches_the_front(client):
    assert "Derby won" not in _titles(client)
    story = make_story(parent=section("en", "sport"), title="Derby won")
    assert "Derby won" in _titles(client)
    story.title = "Derby won at last"
    story.save_revision().publish()
    assert "Derby won at last" in _titles(client)
    story.unpublish()
    assert not {"Derby won", "Derby won at last"} & set(_titles(client))


def test_a_new_top_story_and_a_renamed_section_reach_the_front(client):
    _home(client)
    _curate(make_story(title="Top story"))
    assert _front(client).select_one(".front-top h2").get_text(strip=True) == "Top story"
    sport = section("en", "sport")
    make_story(parent=sport, title="Derby won")
    sport.title = "Sport and games"
    sport.save_revision().publish()
    headings = [h.get_text(strip=True) for h in _front(client).select(".front-section h2")]
    assert "Sport and games" in headings


def test_a_story_leaves_the_filed_front_at_its_expiry(client):
    expiry = timezone.now() + timedelta(minutes=5)
    make_story(parent=section("en", "sport"), title="Derby won", expire_at=expiry)
    assert "Derby won" in _titles(client)
    with time_machine.travel(expiry + timedelta(seconds=1), tick=False):
        assert "Derby won" not in _titles(client)


def test_live_coverage_leaves_the_filed_front_when_it_ends_by_the_clock(client):
    end = timezone.now() + timedelta(minutes=5)
    make_story(LivePage, title="Storm live", coverage_ended_at=end)
    assert "Storm live" in _front(client).select_one(".front-live").get_text()
    with time_machine.travel(end + timedelta(seconds=1), tick=False):
        assert _front(client).select_one(".front-live") is None


def test_each_language_has_its_own_front(client):
    make_story(parent=section("en", "sport"), title="Derby won")
    make_story(parent=section("az", "sport"), title="Derbi udduq")
    assert "Derby won" in _titles(client) and "Derbi udduq" not in _titles(client)
    assert "Derbi udduq" in _titles(client, "az") and "Derby won" not in _titles(client, "az")


def test_a_front_with_a_pending_picture_is_not_filed(client, queued):  # noqa: F811
    picture = story_with_a_pending_picture("Pictured bridge")
    top = _front(client).select_one("img")
    assert top is not None and renditions.PENDING_PICTURE in top["src"]
    renditions.make_renditions(picture)  # what the worker does; nothing is purged
    assert renditions.PENDING_PICTURE not in _front(client).select_one("img")["src"]
