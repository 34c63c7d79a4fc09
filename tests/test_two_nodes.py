"""Two app nodes on one PostgreSQL and one Redis, as an outlet runs them when it
outgrows one machine.

Node A and node B are real `newsline serve` processes (gunicorn and a worker
each) on their own loopback ports, sharing a fresh PostgreSQL database and a
Redis database. An editor publishes and withdraws through node A's admin; node B
must show the change on the story page, the News line and the feed within a
second. A scheduled story must be published once, not once per worker.

Skipped, saying how to enable it, where PostgreSQL or Redis does not answer.
Runs in the SQLite pass of CI only: it makes its own database either way.
"""

import os
import re
import signal
import subprocess
import time
from contextlib import suppress
from pathlib import Path

import psycopg
import pytest
import redis
import requests

from .services import (
    answers,
    free_port,
    fresh_postgres_database,
    newsline,
    require_postgres,
    seconds_until,
    serve,
)

REDIS = os.environ.get("REDIS_NODES_URL", "redis://127.0.0.1:6379/14")
REPO = Path(__file__).resolve().parents[1]
SEED = """
import django
django.setup()
from datetime import timedelta
from django.utils import timezone
from tests.base import build_site_skeleton
from tests.factories import make_story
from newsline.users.models import User
build_site_skeleton()
User.objects.create_superuser("editor", "editor@example.com", "two-nodes-pw")
draft = make_story(title="Published through node A", publish=False)
scheduled = make_story(title="Scheduled for both nodes", publish=False)
scheduled.go_live_at = timezone.now() + timedelta(seconds=6)
scheduled.save_revision().publish()
print(draft.pk, draft.url, scheduled.pk)
"""

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="runs in the SQLite pass; it makes its own DB"
)


@pytest.fixture(scope="module")
def shared_services(tmp_path_factory):
    require_postgres()
    if not answers(lambda: redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()):
        pytest.skip(f"No Redis at {REDIS}: start one or set REDIS_NODES_URL.")
    redis.Redis.from_url(REDIS).flushdb()
    with fresh_postgres_database("newsline_nodes") as database_url:
        yield {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsline.settings.dev",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS,
            "NEWSLINE_DATA_DIR": str(tmp_path_factory.mktemp("nodes")),
            "NEWSLINE_PAGE_CACHE": "1",
            "NEWSLINE_DEBUG": "0",
            "PYTHONPATH": str(REPO),
        }
    redis.Redis.from_url(REDIS).flushdb()


def _wait_until_up(base):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with suppress(requests.RequestException):
            if requests.get(f"{base}/en/", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise AssertionError(f"{base} did not start")


@pytest.fixture(scope="module")
def nodes(shared_services):
    env = shared_services
    newsline(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
    seeded = newsline(env, "shell", "-c", SEED, capture_output=True, text=True)
    draft_id, draft_url, scheduled_id = seeded.stdout.split()[-3:]
    ports = [free_port(), free_port()]
    processes = [serve(env, port) for port in ports]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base in bases:
            _wait_until_up(base)
        yield {
            "a": bases[0],
            "b": bases[1],
            "draft": (int(draft_id), draft_url),
            "scheduled": int(scheduled_id),
            "env": env,
        }
    finally:
        for process in processes:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=20)


def _admin_session(base):
    session = requests.Session()
    login = session.get(f"{base}/admin/login/", timeout=5)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)[1]
    answer = session.post(
        f"{base}/admin/login/",
        data={"username": "editor", "password": "two-nodes-pw", "csrfmiddlewaretoken": token},
        timeout=5,
    )
    assert answer.status_code == 200 and "sessionid" in session.cookies
    return session


def _post(session, url):
    token = session.cookies["csrftoken"]
    response = session.post(
        url, data={"csrfmiddlewaretoken": token}, timeout=10, allow_redirects=False
    )
    assert response.status_code == 302, (url, response.status_code)


def _shows(base, path, text):
    return text in requests.get(base + path, timeout=5).text


SURFACES = {"story page": None, "News line": "/en/newsline/", "feed": "/en/feeds/rss/"}


def test_publication_on_node_a_reaches_node_b_within_a_second(nodes):
    story_id, story_url = nodes["draft"]
    title = "Published through node A"
    b = nodes["b"]
    for path in ("/en/newsline/", "/en/feeds/rss/", "/en/"):  # node B caches them without it
        requests.get(b + path, timeout=5)
        assert requests.get(b + path, timeout=5).headers["X-Cache"] == "HIT"
    editor = _admin_session(nodes["a"])
    _post(editor, f"{nodes['a']}/admin/bulk/wagtailcore/page/publish/?id={story_id}")
    for name, path in SURFACES.items():
        waited = seconds_until(lambda path=path: _shows(b, path or story_url, title))
        assert waited is not None and waited <= 1.0, (name, waited)

    _post(editor, f"{nodes['a']}/admin/pages/{story_id}/unpublish/")
    for name, path in SURFACES.items():
        if path is None:
            gone = seconds_until(lambda: requests.get(b + story_url, timeout=5).status_code == 404)
        else:
            gone = seconds_until(lambda path=path: not _shows(b, path, title))
        assert gone is not None and gone <= 1.0, (name, gone)


def test_a_schedule_fires_once_with_a_worker_on_each_node(nodes):
    story = nodes["scheduled"]
    assert seconds_until(lambda: _shows(nodes["b"], "/en/newsline/", "Scheduled for"), 20)
    time.sleep(2)  # both workers have had their chance to publish it again
    with psycopg.connect(nodes["env"]["DATABASE_URL"]) as db:
        (published,) = db.execute(
            "SELECT count(*) FROM wagtailcore_pagelogentry "
            "WHERE page_id = %s AND action = 'wagtail.publish.scheduled'",
            [story],
        ).fetchone()
    assert published == 1
