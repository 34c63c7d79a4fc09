"""Without the page cache a page's fragments (the News line, the breaking banner)
are filed like its other parts (decision 0033): rendered once for every page of
the language, then read; every change to what they show still reaches the next
page, purged or by the clock. The rest of the suite runs without the page cache
too, so every visibility test of a page passes through this path."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from newsline.core import renditions
from newsline.news.services import end_breaking
from newsline.publishing import middleware

from ..core.test_renditions import queued, story_with_a_pending_picture  # noqa: F401
from ..factories import make_story, section


def _news_line(body: str) -> str:
    return re.search(r'<ol class="news-line__list">(.*?)</ol>', body, re.S).group(1)


def _banner(body: str) -> str:
    return re.search(r'<div class="breaking-slot"[^>]*>(.*?)</div>', body, re.S).group(1)


def _page(client, url="/en/sport/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert "X-Cache" not in response  # answered without the page cache
    return response.content.decode()


@pytest.fixture
def fragment_renders(monkeypatch):
    """The addresses of the fragments rendered through the fragment handler."""
    rendered = []
    get_response = middleware.FragmentHandler.get_response

    def counted(handler, request):
        rendered.append(request.path_info)
        return get_response(handler, request)

    monkeypatch.setattr(middleware.FragmentHandler, "get_response", counted)
    return rendered


def test_the_fragments_are_rendered_once_for_every_page_of_the_language(client, fragment_renders):
    make_story(title="Harbour reopens", is_breaking=True)
    first = _page(client, "/en/sport/")
    assert sorted(fragment_renders) == ["/en/breaking/", "/en/newsline/"]
    second = _page(client, "/en/politics/")
    assert len(fragment_renders) == 2
    for body in (first, second):
        assert "Harbour reopens" in _news_line(body) and "Harbour reopens" in _banner(body)
    _page(client, "/az/")
    assert sorted(fragment_renders[2:]) == ["/az/breaking/", "/az/newsline/"]


def test_a_filed_fragment_is_the_bytes_of_its_own_address(client):
    make_story(title="Harbour reopens", is_breaking=True)
    _page(client)
    body = client.get("/en/sport/").content
    assert client.get("/en/newsline/").content in body
    assert client.get("/en/breaking/").content in body


def test_publication_withdrawal_and_the_banner_reach_the_next_page(client, fragment_renders):
    make_story(parent=section("en", "sport"), title="Stays up")
    story = make_story(title="Pulled by the desk")
    assert "Pulled by the desk" in _news_line(_page(client))
    story.unpublish()
    assert "Pulled by the desk" not in _news_line(_page(client))
    alarm = make_story(title="Ferry sinks", is_breaking=True)
    body = _page(client)
    assert "Ferry sinks" in _news_line(body) and "Ferry sinks" in _banner(body)
    end_breaking(alarm)
    assert "Ferry sinks" not in _banner(_page(client))
    assert "Ferry sinks" not in _banner(_page(client, "/az/"))


def test_a_story_that_expires_leaves_the_line_at_its_time(client):
    make_story(title="Stays up")
    ends = timezone.now() + timedelta(minutes=2)  # within the page cache's lifetime
    make_story(title="Short-lived", expire_at=ends)
    assert "Short-lived" in _news_line(_page(client))
    with time_machine.travel(ends + timedelta(seconds=1), tick=False):
        line = _news_line(_page(client))
    assert "Short-lived" not in line and "Stays up" in line


def test_the_banner_leaves_every_page_when_its_time_runs_out(client):
    story = make_story(title="Ferry sinks", is_breaking=True)
    story.breaking_until = timezone.now() + timedelta(minutes=2)
    story.save_revision().publish()
    assert "Ferry sinks" in _banner(_page(client))
    with time_machine.travel(story.breaking_until + timedelta(seconds=1), tick=False):
        assert "Ferry sinks" not in _banner(_page(client))


def test_a_fragment_showing_a_placeholder_picture_is_not_filed(
    client,
    queued,  # noqa: F811
    fragment_renders,
):
    story_with_a_pending_picture("Pictured bridge")
    assert renditions.PENDING_PICTURE in _news_line(_page(client))
    _page(client)
    assert fragment_renders.count("/en/newsline/") == 2


def test_an_unreadable_cache_renders_the_fragments_and_still_shows_them(
    client, cache_down, fragment_renders
):
    make_story(title="Harbour reopens", is_breaking=True)
    cache_down()
    for _ in range(2):
        body = _page(client)
        assert "Harbour reopens" in _news_line(body) and "Harbour reopens" in _banner(body)
    assert len(fragment_renders) == 4
