"""`newsline serve` runs granian by default, gunicorn when asked; it keeps readers'
connections open and writes an access log only when asked."""

import http.client
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ..services import REPO, free_port, newsline, seconds_until

PATH = "/admin/login/"


def _env(data_dir: Path) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
        "DJANGO_SETTINGS_MODULE": "newsline.settings.dev",
        "NEWSLINE_DATA_DIR": str(data_dir),
        "PYTHONPATH": str(REPO),
    }


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("serve")
    newsline(_env(directory), "migrate", "--noinput", stdout=subprocess.DEVNULL)
    return directory


@pytest.fixture
def served(data_dir, tmp_path):
    """Start `newsline serve --no-worker OPTIONS`; yields (port, its output so far)."""
    started = []

    def start(*options: str):
        port, log = free_port(), tmp_path / f"serve-{len(started)}.log"
        argv = ["serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-worker"]
        with log.open("wb") as output:
            node = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "django", *argv, *options],
                env=_env(data_dir),
                cwd=REPO,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        started.append(node)
        assert seconds_until(lambda: _answers(port), 60) is not None, log.read_text()
        return port, log.read_text

    yield start
    for node in started:
        os.killpg(node.pid, signal.SIGTERM)
        node.wait(timeout=30)


def _answers(port: int) -> bool:
    try:
        return _get_twice(port)[0] == 200
    except OSError:
        return False


def _get_twice(port: int) -> tuple[int, bool]:
    """The status of a GET, and whether a second GET went over the same connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", PATH)
        first = connection.getresponse()
        first.read()
        socket = connection.sock
        connection.request("GET", PATH)
        connection.getresponse().read()
        return first.status, socket is not None and connection.sock is socket
    finally:
        connection.close()


def test_serve_keeps_connections_open_and_logs_no_request_by_default(served):
    port, output = served()
    assert _get_twice(port) == (200, True)
    assert "granian" in output()
    assert PATH not in output()


def test_serve_writes_an_access_log_when_asked(served):
    port, output = served("--access-log")
    _get_twice(port)
    assert seconds_until(lambda: PATH in output(), 10) is not None, output()


def test_serve_runs_gunicorn_when_asked(served):
    port, output = served("--server", "gunicorn", "--threads", "1")
    assert _get_twice(port) == (200, False)  # sync workers close each connection
    assert "gunicorn" in output().lower()


def test_serve_stops_at_once_when_its_process_group_is_signalled(data_dir):
    # As a terminal's Ctrl-C or `kill -- -PGID` does: every process in the group at
    # once. granian's workers, signalled beside their manager, used to be restarted
    # as "failed" while it shut down, and serve hung (1 time in 3).
    for _ in range(4):
        port = free_port()
        argv = ["serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-worker"]
        node = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "django", *argv],
            env=_env(data_dir),
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            assert seconds_until(lambda port=port: _answers(port), 60) is not None
            os.killpg(node.pid, signal.SIGTERM)
            assert node.wait(timeout=20) == 0
        finally:
            if node.poll() is None:
                os.killpg(node.pid, signal.SIGKILL)
