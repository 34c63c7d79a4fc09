"""Scheduled go-live and expiry: on time, never early, caught up after a stop."""

from datetime import timedelta

import pytest
import time_machine
from django.db import OperationalError
from django.utils import timezone

from newsline.publishing import scheduler, worker
from newsline.publishing.models import WorkerHealth

from ..factories import make_story
from .conftest import hit


def _schedule(story, at):
    story.unpublish()
    story.go_live_at = at
    story.save_revision().publish()
    story.refresh_from_db()
    assert not story.live


def _listed(client, story):
    return story.url in client.get("/en/").content.decode()


@pytest.mark.usefixtures("page_cache")
def test_story_goes_live_at_its_time_and_not_a_moment_before(client):
    go_live = timezone.now() + timedelta(minutes=10)
    story = make_story(title="Embargoed until ten")
    _schedule(story, go_live)
    client.get("/en/")  # the home page is cached without it
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert scheduler.run_due().published == 0
        assert not _listed(client, story)
        assert client.get(story.url).status_code == 404
    with time_machine.travel(go_live + timedelta(milliseconds=500), tick=False):
        assert scheduler.run_due().published == 1
        assert _listed(client, story)
        assert client.get(story.url).status_code == 200
        assert "Embargoed until ten" in client.get("/en/newsline/").content.decode()


def test_schedules_missed_while_no_worker_ran_are_caught_up_in_one_pass(client):
    start = timezone.now()
    first, second = make_story(), make_story()
    _schedule(first, start + timedelta(minutes=1))
    _schedule(second, start + timedelta(minutes=2))
    with time_machine.travel(start + timedelta(hours=3), tick=False):
        assert scheduler.run_due().published == 2
        assert _listed(client, first) and _listed(client, second)
        assert scheduler.run_due().published == 0  # once, not again


@pytest.mark.usefixtures("page_cache")
def test_expiry_withdraws_the_story_from_every_surface(client):
    expiry = timezone.now() + timedelta(minutes=30)
    story = make_story(title="Short-lived notice")
    story.expire_at = expiry
    story.save_revision().publish()
    urls = ["/en/", "/en/politics/", "/en/feeds/rss/", "/en/newsline/", "/sitemaps/en/news.xml"]
    for url in urls:
        assert "Short-lived notice" in client.get(url).content.decode(), url
        assert hit(client, url), url
    with time_machine.travel(expiry + timedelta(seconds=1), tick=False):
        assert scheduler.run_due().expired == 1
        story.refresh_from_db()
        assert story.expired and not story.live
        for url in urls:
            assert "Short-lived notice" not in client.get(url).content.decode(), url
        assert client.get(story.url).status_code == 404


def test_a_failing_pass_does_not_stop_the_loop_and_is_recorded(monkeypatch):
    calls = []

    class Stop:
        def is_set(self):
            return len(calls) >= 3

        def wait(self, seconds):
            pass

    def failing_twice():
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("connection to server at 127.0.0.1 failed")
        return scheduler.Pass()

    monkeypatch.setattr(scheduler, "run_due", failing_twice)
    # The loop closes its thread's connection when stale or after a failure; here
    # that thread is the test's, whose transaction must survive.
    monkeypatch.setattr(worker, "_drop_connections", lambda: None)
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)
    health = worker.Health(worker_id="test-host:1")
    worker.schedule_forever(Stop(), health, interval=0)
    assert len(calls) == 3
    recorded = WorkerHealth.objects.get(worker_id="test-host:1")
    assert recorded.errors == 2 and "connection to server" in recorded.last_error
