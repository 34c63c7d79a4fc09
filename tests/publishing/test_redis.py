"""The page cache on a real Redis, and on a Redis that is gone or hangs.

Runs against the Redis at REDIS_TEST_URL (default redis://127.0.0.1:6379/15);
skipped, saying how to enable it, where none answers. A Redis that is gone or
hangs needs no Redis: the tests point at a closed port or at a listener that
never answers.
"""

import os
import time

import pytest
import redis
from django.core.cache import caches
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from newsline.ticker.fragment import news_line_html

from ..factories import locale, make_story

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


def _caches(location: str, fallback_seconds: float = 0) -> dict:
    """Both aliases as production configures them (settings/base.py)."""

    def alias(is_purge):
        return {
            "BACKEND": "newsline.publishing.caches.ResilientRedisCache",
            "LOCATION": location,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.05,
                "SOCKET_TIMEOUT": 0.05,
                "IGNORE_EXCEPTIONS": not is_purge,
                "FALLBACK_SECONDS": 0 if is_purge else fallback_seconds,
            },
        }

    return {"default": alias(False), "purge": alias(True)}


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


@pytest.fixture
def redis_down(page_cache, closed_port):
    """Redis refusing connections, with each process's memory standing in."""
    page_cache.CACHES = _caches(f"redis://127.0.0.1:{closed_port}/0", fallback_seconds=1)
    yield page_cache
    caches["default"].clear()  # the fallback is per process and outlives the test


def _timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    assert response.status_code == 200
    return response, time.monotonic() - started


@pytest.mark.parametrize("outage", ["refusing", "hanging"])
def test_pages_come_from_memory_while_redis_is_unreachable(
    client, page_cache, closed_port, hung_port, outage
):
    port = closed_port if outage == "refusing" else hung_port
    page_cache.CACHES = _caches(f"redis://127.0.0.1:{port}/0", fallback_seconds=5)
    make_story()
    assert client.get("/en/")["X-Cache"] == "MISS"
    for _ in range(5):
        response, seconds = _timed_get(client, "/en/")
        assert response["X-Cache"] == "HIT"
        assert seconds < 0.1  # a hit, not a render nor a wait for Redis
    caches["default"].clear()


def test_memory_fallback_keeps_a_page_no_longer_than_its_lifetime(client, redis_down):
    story = make_story(title="Before the outage")
    client.get(story.url)
    assert client.get(story.url)["X-Cache"] == "HIT"
    story.title = "Corrected during the outage"
    story.save_revision().publish()  # the purge cannot reach Redis: queued
    time.sleep(1.1)
    response = client.get(story.url)
    assert response["X-Cache"] == "MISS"
    assert "Corrected during the outage" in response.content.decode()


def test_news_line_is_rendered_once_while_redis_is_unreachable(
    redis_down, django_assert_num_queries
):
    make_story(title="On the line")
    english = locale("en")
    first = news_line_html(english, "en")
    assert "On the line" in first
    with django_assert_num_queries(0):
        assert news_line_html(english, "en") == first


def test_private_page_stays_closed_while_redis_is_unreachable(client, redis_down):
    """Sessions live in the database, so a reader's unlocked page stays theirs:
    the page cache and its fallback never hand it to anyone else."""
    story = make_story(body_text="Only for those with the password.")
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type="password", password="x"
    )
    unlock = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, story.pk])
    client.post(unlock, {"password": "x", "return_url": story.url})
    unlocked = client.get(story.url)
    assert "Only for those with the password." in unlocked.content.decode()
    assert "X-Cache" not in unlocked

    stranger = type(client)()
    for _ in range(2):
        response = stranger.get(story.url)
        assert "Only for those with the password." not in response.content.decode()
        assert 'name="password"' in response.content.decode()
        assert "X-Cache" not in response
