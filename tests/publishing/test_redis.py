"""The page cache on a real Redis, and on a Redis that is gone or hangs.

Runs against the Redis at REDIS_TEST_URL (default redis://127.0.0.1:6379/15);
skipped, saying how to enable it, where none answers.
"""

import os
import socket
import time

import pytest
import redis
from django_tasks_db.models import DBTaskResult

from ..factories import make_story

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


def _caches(location: str) -> dict:
    def alias(ignore_errors):
        return {
            "BACKEND": "newsline.core.caches.ResilientRedisCache",
            "LOCATION": location,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.05,
                "SOCKET_TIMEOUT": 0.05,
                "IGNORE_EXCEPTIONS": ignore_errors,
            },
        }

    return {"default": alias(True), "purge": alias(False)}


@pytest.fixture
def real_redis(page_cache):
    if not _redis_answers():
        pytest.skip(
            f"No Redis answers at {REDIS_TEST_URL}: start one (apt-get install redis-server) "
            "or point REDIS_TEST_URL at one to run these tests."
        )
    client = redis.Redis.from_url(REDIS_TEST_URL)
    client.flushdb()
    page_cache.CACHES = _caches(REDIS_TEST_URL)
    yield client
    client.flushdb()


@pytest.fixture
def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def hung_port():
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    yield listener.getsockname()[1]
    listener.close()


def test_pages_are_cached_and_purged_in_redis(client, real_redis):
    story = make_story(title="Held in Redis")
    assert client.get("/en/")["X-Cache"] == "MISS"
    assert client.get("/en/")["X-Cache"] == "HIT"
    assert any(key.startswith(b":1:newsline:page:") for key in real_redis.keys("*"))
    story.title = "Corrected in Redis"
    story.save_revision().publish()
    response = client.get("/en/")
    assert response["X-Cache"] == "MISS"
    assert "Corrected in Redis" in response.content.decode()


def _serve_without_cache(client, settings, port, requests=10):
    settings.NEWSLINE_PAGE_CACHE = True
    settings.CACHES = _caches(f"redis://127.0.0.1:{port}/0")
    make_story()
    started = time.monotonic()
    for _ in range(requests):
        response = client.get("/en/")
        assert response.status_code == 200
        assert response.get("X-Cache") != "HIT"
    return (time.monotonic() - started) / requests


def test_pages_answer_while_redis_refuses_connections(client, settings, closed_port):
    per_request = _serve_without_cache(client, settings, closed_port)
    # Stock django-redis answers 500 here; ours renders the page instead. The
    # bound is generous: it guards against seconds-long stalls, not speed.
    assert per_request < 2


def test_pages_answer_while_redis_hangs(client, settings, hung_port):
    per_request = _serve_without_cache(client, settings, hung_port)
    assert per_request < 2  # stock settings wait ~5 s, then answer 500


def test_purge_that_cannot_reach_redis_is_retried_from_the_queue(
    client, settings, closed_port, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CACHES = _caches(f"redis://127.0.0.1:{closed_port}/0")
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story()
    assert story.live  # the publication stands
    retries = DBTaskResult.objects.filter(task_path="newsline.publishing.tasks.purge_keys")
    assert retries.exists()
    assert f"story-{story.translation_key}" in retries.first().args_kwargs["args"][0]
