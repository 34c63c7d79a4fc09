"""The breaking banner is rendered once per change per language and filed
(news/banner.py): read from its filed markup, purged by every story's change,
and kept no longer than what it shows is true."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsline.news.services import end_breaking

from ..factories import make_story, section


def _banner(client, language="en") -> str:
    response = client.get(f"/{language}/breaking/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_banner_is_read_from_its_filed_markup_without_reading_stories(client):
    make_story(title="Ferry sinks", is_breaking=True)
    assert "Ferry sinks" in _banner(client)
    with CaptureQueriesContext(connection) as queries:
        assert "Ferry sinks" in _banner(client)
    assert not [query for query in queries.captured_queries if "wagtailcore_page" in query["sql"]]


def test_a_publication_a_withdrawal_and_an_ended_mark_reach_the_filed_banner(client):
    first = make_story(title="Ferry sinks", is_breaking=True)
    assert "Ferry sinks" in _banner(client)
    second = make_story(title="Bridge closes", is_breaking=True)
    assert "Bridge closes" in _banner(client)
    first.unpublish()
    assert "Ferry sinks" not in _banner(client)
    end_breaking(second)
    assert "Bridge closes" not in _banner(client)


@pytest.mark.parametrize("ends", ["breaking_until", "expire_at"])
def test_a_filed_banner_ends_by_the_clock_without_a_purge(client, ends):
    """With its story's breaking mark, or at the story's expiry."""
    story = make_story(title="Ferry sinks", is_breaking=True)
    setattr(story, ends, timezone.now() + timedelta(minutes=5))
    story.save_revision().publish()
    assert "Ferry sinks" in _banner(client)
    with time_machine.travel(getattr(story, ends) + timedelta(seconds=1), tick=False):
        assert "Ferry sinks" not in _banner(client)


def test_each_language_has_its_own_filed_banner(client):
    make_story(title="Ferry sinks", is_breaking=True)
    assert "Ferry sinks" not in _banner(client, "az")
    make_story(parent=section("az"), title="Bərə batdı", is_breaking=True)
    assert "Bərə batdı" in _banner(client, "az")
    assert "Bərə batdı" not in _banner(client) and "Ferry sinks" in _banner(client)
