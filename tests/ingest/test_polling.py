"""Wire sources polled as the worker does it: against a real HTTP server the test
starts, with conditional GETs, drop folders, back-off and a record of every run."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsline.ingest import polling
from newsline.ingest import tasks as ingest_tasks
from newsline.ingest.models import IngestRun, WireSource, WireStory
from newsline.news.models import ArticlePage

from ..factories import section
from .wire_server import WireServer


def rss(*items: tuple[str, str]) -> bytes:
    """An RSS 2.0 document of (guid, headline) items."""
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title>"
        f"<description>Lead of {title}.</description>"
        "<pubDate>Thu, 03 Dec 2026 09:30:00 +0400</pubDate></item>"
        for guid, title in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Caspian Wire</title><link>https://wire.example.az/</link>"
        f"<description>Invented agency</description><language>en</language>{entries}"
        "</channel></rss>"
    ).encode()


@pytest.fixture
def agency(settings):
    settings.NEWSLINE_INGEST_ALLOW_PRIVATE = True
    with WireServer() as server:
        yield server


def _source(**fields) -> WireSource:
    values = {
        "name": "Caspian Wire",
        "format": "rss",
        "language": "en",
        "section": section("en"),
        "poll_interval": 60,
    }
    return WireSource.objects.create(**{**values, **fields})


def test_a_poll_makes_stories_and_records_the_run(agency):
    source = _source(url=agency.serve("/feed.xml", rss(("w-1", "Ferry resumes"), ("w-2", "Rain"))))
    run = polling.poll(source)
    assert run.summary == "created 2, updated 0, unchanged 0, rejected 0"
    assert run.source == source and run.finished_at is not None
    assert WireStory.objects.filter(source_key="Caspian Wire").count() == 2


def test_an_unchanged_feed_costs_a_304_and_changes_nothing(agency):
    source = _source(url=agency.serve("/feed.xml", rss(("w-1", "Ferry resumes"))))
    polling.poll(source)
    run = polling.poll(source)
    assert agency.requests[-1][1].get("If-None-Match")
    assert run.summary == "created 0, updated 0, unchanged 0, rejected 0"
    assert ArticlePage.objects.filter(title="Ferry resumes").count() == 1


def test_a_changed_feed_updates_and_adds(agency):
    url = agency.serve("/feed.xml", rss(("w-1", "Ferry resumes")))
    source = _source(url=url)
    polling.poll(source)
    agency.serve("/feed.xml", rss(("w-1", "Ferry resumes on Monday"), ("w-2", "Rain")))
    assert polling.poll(source).summary == "created 1, updated 1, unchanged 0, rejected 0"


def test_a_failing_source_backs_off_and_says_why(agency):
    source = _source(url=agency.serve("/feed.xml", rss(("w-1", "Ferry resumes"))))
    agency.failing = True
    before = timezone.now()
    run = polling.poll(source)
    source.refresh_from_db()
    assert "answered 503" in run.error
    assert source.failures == 1
    assert source.next_poll_at >= before + timedelta(seconds=120)
    polling.poll(source)
    source.refresh_from_db()
    assert source.next_poll_at >= before + timedelta(seconds=240)
    agency.failing = False
    polling.poll(source)
    source.refresh_from_db()
    assert source.failures == 0


def test_due_sources_are_claimed_once(agency):
    _source(url=agency.serve("/feed.xml", rss()))
    _source(name="Paused", url=agency.base + "/feed.xml", enabled=False)
    handed = []
    assert polling.enqueue_due(handed.append) == 1
    assert polling.enqueue_due(handed.append) == 0  # its next time has moved on
    assert len(handed) == 1


def test_the_worker_polls_a_due_source_through_its_queue(agency):
    _source(url=agency.serve("/feed.xml", rss(("w-9", "Night trains return"))))
    polling.enqueue_due(ingest_tasks.poll_source.enqueue)  # the suite runs tasks at once
    assert ArticlePage.objects.filter(title="Night trains return").exists()
    assert IngestRun.objects.get().created == 1


def test_a_drop_folder_is_read_once_and_filed_away(tmp_path):
    (tmp_path / "one.xml").write_bytes(rss(("d-1", "Harbour reopens")))
    (tmp_path / "two.xml").write_bytes(b"<rss><channel><item>")
    source = _source(folder=str(tmp_path))
    run = polling.poll(source)
    assert run.created == 1 and run.rejected == 1
    assert (tmp_path / "done" / "one.xml").exists()
    assert (tmp_path / "rejected" / "two.xml").exists()
    rejection = run.rejections.get()
    assert rejection.ref.startswith("two.xml") and "well-formed" in rejection.reason
    assert polling.poll(source).summary == "created 0, updated 0, unchanged 0, rejected 0"


def test_a_missing_drop_folder_is_an_error_of_the_run(tmp_path):
    run = polling.poll(_source(folder=str(tmp_path / "gone")))
    assert "does not exist" in run.error
