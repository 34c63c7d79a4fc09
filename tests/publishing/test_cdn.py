"""CDN purges leave the request path: publishing only queues them, and a CDN
that is down or hangs costs the worker its timeouts, never the editor."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from django_tasks_db.models import DBTaskResult

from newsline.publishing import cdn
from newsline.publishing.models import PurgeFailure

from ..factories import make_story


class _Recorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


@pytest.fixture
def queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NEWSLINE_PURGE_PAUSE = 0
    settings.NEWSLINE_PURGE_ATTEMPTS = 2
    settings.NEWSLINE_PURGE_TIMEOUT = 0.3
    return settings


def _cdn_at(settings, port):
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "newsline.publishing.cdn.HTTPPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }


def _publish(django_capture_on_commit_callbacks, **fields):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(**fields)
    return story, time.monotonic() - started


def _purges():
    return DBTaskResult.objects.filter(task_path="newsline.publishing.cdn.purge_cdn")


def _run_queue():
    """What `newsline worker` does with each queued purge."""
    for result in _purges():
        result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])


def test_publishing_queues_a_purge_of_the_story_places(
    queued, recorder, django_capture_on_commit_callbacks
):
    _cdn_at(queued, recorder.server_port)
    story, _ = _publish(django_capture_on_commit_callbacks, topics=["budget"])
    assert recorder.purged == []  # nothing sent while publishing
    assert _purges().count() == 1
    _run_queue()
    expected = {
        story.url,
        "/en/",
        "/en/politics/",
        "/en/politics/feeds/rss/",
        "/en/topics/budget/",
        "/en/newsline/",
        "/en/feeds/atom/",
        "/en/archive/",
        "/sitemap.xml",
        "/sitemaps/en/news.xml",
    }
    assert expected <= set(recorder.purged)
    assert not any(path.startswith(("/az/", "/ru/")) for path in recorder.purged)
    assert not PurgeFailure.objects.exists()


def test_unreachable_cdn_fails_the_purge_not_the_publication(
    queued, closed_port, django_capture_on_commit_callbacks
):
    _cdn_at(queued, closed_port)
    story, _ = _publish(django_capture_on_commit_callbacks)
    assert story.live
    _run_queue()
    failure = PurgeFailure.objects.get()
    assert failure.attempts == 2 and failure.backend == "http"
    assert any(url.endswith(story.url) for url in failure.urls)


def test_hanging_cdn_costs_the_worker_its_timeouts_only(
    queued, hung_port, django_capture_on_commit_callbacks
):
    _cdn_at(queued, hung_port)
    _story, publish_time = _publish(django_capture_on_commit_callbacks)
    assert publish_time < 5  # the publication never talked to the CDN
    started = time.monotonic()
    _run_queue()
    # Two attempts, each giving up on its first address after the 0.3 s timeout.
    assert time.monotonic() - started < 3
    assert "timed out" in PurgeFailure.objects.get().error


def test_a_broken_queue_does_not_undo_a_publication(
    queued, recorder, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    _cdn_at(queued, recorder.server_port)

    def refuse(*args, **kwargs):
        raise ConnectionError("queue database is gone")

    monkeypatch.setattr(cdn, "purge_cdn", SimpleNamespace(enqueue=refuse))
    story, _ = _publish(django_capture_on_commit_callbacks)
    story.refresh_from_db()
    assert story.live
    assert "Could not queue a CDN purge" in caplog.text


def test_admins_see_failed_purges(client, editor):
    PurgeFailure.objects.create(
        backend="http", error="cdn.example: timed out", urls=["http://x/en/"], attempts=4
    )
    client.force_login(editor)
    response = client.get("/admin/snippets/publishing/purgefailure/")
    assert response.status_code == 200
    assert "cdn.example: timed out" in response.content.decode()


def _topic_changed(queued, recorder, capture, **changes):
    """A story tagged "quay" published, then its topic saved with ``changes``; the
    story and the topic as saved."""
    from newsline.news.models import Topic

    _cdn_at(queued, recorder.server_port)
    story, _ = _publish(capture, topics=["quay"])
    _purges().delete()
    topic = Topic.objects.get(slug="quay")
    for field, value in changes.items():
        setattr(topic, field, value)
    with capture(execute=True):
        topic.save()
    return story, topic


def test_renaming_a_topic_queues_a_purge_of_its_pages_and_stories(
    queued, recorder, django_capture_on_commit_callbacks
):
    story, _ = _topic_changed(queued, recorder, django_capture_on_commit_callbacks, name="Quayside")
    assert _purges().count() == 1
    _run_queue()
    expected = {story.url, "/en/topics/quay/", "/az/topics/quay/", "/en/topics/", "/en/feeds/rss/"}
    assert expected <= set(recorder.purged)


def test_a_topic_given_a_new_address_purges_its_old_one_too(
    queued, recorder, django_capture_on_commit_callbacks
):
    story, topic = _topic_changed(
        queued, recorder, django_capture_on_commit_callbacks, slug="quayside"
    )
    _run_queue()
    old = {"/en/topics/quay/", "/az/topics/quay/", "/ru/topics/quay/"}
    new = {"/en/topics/quayside/", "/az/topics/quayside/"}
    assert old | new | {story.url} <= set(recorder.purged)
    # The same topic saved again at its new address: the old one is not purged again.
    _purges().delete()
    recorder.purged.clear()
    topic.name = "Quayside"
    with django_capture_on_commit_callbacks(execute=True):
        topic.save()
    _run_queue()
    assert "/en/topics/quayside/" in recorder.purged
    assert not old & set(recorder.purged)
