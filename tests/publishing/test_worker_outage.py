"""The worker rides out a database outage, and `newsline serve` keeps a worker running.

A real `newsline worker` talks to a real PostgreSQL through a loopback proxy that
the test cuts for several seconds, with a story scheduled to go live inside the
outage: it must go live within seconds of the database's return, and the worker
must have recorded the outage. Skipped, saying how to enable it, without
PostgreSQL; runs in the SQLite pass of CI only, since it makes its own database.
"""

import os
import sqlite3
import subprocess
import sys
import time

import psycopg
import pytest

from ..services import REPO, free_port, fresh_postgres_database, newsline, seconds_until, serve
from ..tcp_proxy import CuttableProxy

OUTAGE_SECONDS = 6
SEED = """
import django
django.setup()
from datetime import timedelta
from django.utils import timezone
from tests.base import build_site_skeleton
from tests.factories import make_story
build_site_skeleton()
story = make_story(title="Due during the outage", publish=False)
story.go_live_at = timezone.now() + timedelta(seconds={due_in})
story.save_revision().publish()
print(story.pk)
"""

pytestmark = [
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")), reason="runs in the SQLite pass; it makes its own DB"
    ),
    pytest.mark.django_db(transaction=False),
]


def _env(database_url, data_dir):
    return {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
        "DJANGO_SETTINGS_MODULE": "newsline.settings.dev",
        "DATABASE_URL": database_url,
        "NEWSLINE_DATA_DIR": str(data_dir),
        "PYTHONPATH": str(REPO),
    }


def _is_live(database_url, page_id) -> bool:
    with psycopg.connect(database_url) as db:
        return db.execute("select live from wagtailcore_page where id = %s", [page_id]).fetchone()[
            0
        ]


def _health(database_url):
    with psycopg.connect(database_url) as db:
        return db.execute("select errors, last_error from publishing_workerhealth").fetchall()


def test_scheduled_story_due_during_a_database_outage_goes_live_when_it_returns(tmp_path):
    with fresh_postgres_database("newsline_outage") as direct:
        direct_env = _env(direct, tmp_path)
        newsline(direct_env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
        # Due 3 s into the outage, which starts once the worker has beaten.
        proxy = CuttableProxy(("127.0.0.1", 5432))
        through_proxy = direct.replace(":5432/", f":{proxy.port}/")
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "django", "worker"],
            env=_env(through_proxy, tmp_path),
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert seconds_until(lambda: _health(direct), 30) is not None, "the worker never beat"
            seeded = newsline(
                direct_env, "shell", "-c", SEED.format(due_in=3), capture_output=True, text=True
            )
            story_id = int(seeded.stdout.split()[-1])
            proxy.cut()
            time.sleep(OUTAGE_SECONDS)
            assert not _is_live(direct, story_id)  # nothing could publish it meanwhile
            assert worker.poll() is None, "the worker died in the outage"
            proxy.restore()
            waited = seconds_until(lambda: _is_live(direct, story_id), 10)
            assert waited is not None and waited <= 5, waited
            assert seconds_until(lambda: _health(direct)[0][0] > 0, 10) is not None
            assert "connection" in _health(direct)[0][1].lower()
        finally:
            worker.terminate()
            worker.wait(timeout=20)
            proxy.close()


def test_serve_starts_another_worker_when_its_worker_exits(tmp_path):
    env = _env("", tmp_path)
    env.pop("DATABASE_URL")
    newsline(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
    node = serve(env, free_port())
    database = tmp_path / "newsline.sqlite3"

    def workers():
        with sqlite3.connect(database) as db:
            return {row[0] for row in db.execute("select pid from publishing_workerhealth")}

    try:
        assert seconds_until(lambda: workers(), 60) is not None, "no worker started"
        first = next(iter(workers()))
        os.kill(first, 9)
        assert seconds_until(lambda: workers() - {first}, 30) is not None, "no worker was restarted"
        assert node.poll() is None
    finally:
        os.killpg(node.pid, 15)
        node.wait(timeout=30)
