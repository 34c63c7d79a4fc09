"""The machine's real services for tests that need them: a fresh PostgreSQL
database of their own, free loopback ports. Tests skip, saying how to enable
them, where a service does not answer."""

import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

# POSTGRES_URL names a server (and the database `make test-postgres` uses); tests
# that make databases of their own connect to its maintenance database.
_SERVER = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/newsline")
POSTGRES = _SERVER.rsplit("/", 1)[0] + "/postgres"


def answers(check) -> bool:
    try:
        return bool(check())
    except Exception:  # noqa: BLE001 - any failure means "not here"
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def require_postgres() -> None:
    if not answers(lambda: psycopg.connect(POSTGRES, connect_timeout=3).close() or True):
        pytest.skip(f"No PostgreSQL at {POSTGRES}: start one or set POSTGRES_URL.")


@contextmanager
def fresh_postgres_database(prefix: str):
    """Yields the URL of a new, empty database, dropped afterwards."""
    require_postgres()
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Running `newsline` as a separate process, as a node of the outlet would.
REPO = Path(__file__).resolve().parents[1]


def newsline(env, *args, **kwargs) -> subprocess.CompletedProcess:
    """``newsline ARGS`` to completion in ``env``; raises if it fails."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "django", *args], env=env, cwd=REPO, check=True, **kwargs
    )


def serve(env, port: int, *, workers: int = 1) -> subprocess.Popen:
    """``newsline serve`` (granian and its worker) in a session of its own, so the
    caller can end the whole group with ``os.killpg``."""
    argv = ["serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "django", *argv],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def seconds_until(check, limit: float = 5.0, *, pause: float = 0.05) -> float | None:
    """How long until ``check()`` is true, or None if it was not within ``limit``."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if check():
            return time.monotonic() - started
        time.sleep(pause)
    return None
