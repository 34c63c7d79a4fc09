"""Failure drills: Redis refusing, Redis hanging, PostgreSQL gone for a minute.

Starts Newsline (`newsline serve`, 2 workers) on a fresh PostgreSQL database
and Redis, each reached through a TCP proxy this script controls, keeps a
steady load of readers on it (pages the cache holds, and searches that need
the database), and cuts each service in turn. It prints, per phase, the status
codes seen and latency percentiles, and how long the site took to recover after
the database came back; results also go to var/drills/results.json.

    .venv/bin/python bench/drills.py [--outage 60] [--redis-only]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379.
All traffic stays on loopback; every loop is bounded in time.
"""

import argparse
import contextlib
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import psycopg

REPO = Path(__file__).resolve().parents[1]
POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)


class Proxy:
    """A TCP relay that can pass traffic, refuse connections, or hang them."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.mode = "pass"
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def set(self, mode):
        self.mode = mode
        if mode != "pass":
            with self.lock:
                for sock in self.open:
                    if mode == "refuse":
                        sock.close()
                self.open = [] if mode == "refuse" else self.open

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.mode == "refuse":
                client.close()
            elif self.mode == "hang":
                with self.lock:
                    self.open.append(client)  # accepted, never answered
            else:
                self._relay(client)

    def _relay(self, client):
        try:
            server = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            client.close()
            return
        with self.lock:
            self.open += [client, server]
        for source, target in ((client, server), (server, client)):
            threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    def _pipe(self, source, target):
        try:
            while True:
                data = source.recv(65536)
                if not data or self.mode == "hang":
                    if self.mode == "hang":
                        time.sleep(3600)
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.close()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url):
    started = time.monotonic()
    try:
        with urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            response.read()
            status = response.status
    except HTTPError as error:
        status = error.code
    except (URLError, OSError):
        status = "no answer"
    return status, (time.monotonic() - started) * 1000


def _load(base, seconds, urls):
    """Four readers for ``seconds``; cached pages and database-bound searches."""
    results = {"cached": [], "database": []}
    stop = time.monotonic() + seconds

    def reader():
        while time.monotonic() < stop:
            kind = random.choice(["cached", "database"])  # noqa: S311
            url = random.choice(urls) if kind == "cached" else _search(base)  # noqa: S311
            results[kind].append(_fetch(url))

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _search(base):
    return f"{base}/en/search/?q=word{random.randrange(10**9)}"  # noqa: S311


def _summary(results):
    summary = {}
    for kind, samples in results.items():
        if not samples:
            continue
        times = sorted(ms for _, ms in samples)
        summary[kind] = {
            "requests": len(samples),
            "statuses": dict(Counter(str(status) for status, _ in samples)),
            "p50_ms": round(statistics.median(times), 1),
            "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 1),
        }
    return summary


def _recovery_seconds(base, limit=30):
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if _fetch(_search(base))[0] == 200:
            return round(time.monotonic() - started, 2)
        time.sleep(0.1)
    return None


def _prepare(env, database):
    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{database}"')
    for args in (["migrate", "--noinput", "-v0"], ["demo", "--stories", "30"]):
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "django", *args],
            env=env,
            cwd=REPO,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outage", type=int, default=60, help="seconds PostgreSQL is gone")
    parser.add_argument("--phase", type=int, default=20, help="seconds of each Redis drill")
    parser.add_argument("--redis-only", action="store_true", help="leave PostgreSQL running")
    options = parser.parse_args()
    pg_proxy, redis_proxy = Proxy(POSTGRES), Proxy(REDIS)
    database = "newsline_drill"
    data_dir = REPO / "var" / "drills"
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsline.settings.dev",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pg_proxy.port}/{database}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_proxy.port}/13",
        "NEWSLINE_DATA_DIR": str(data_dir / "data"),
        "PYTHONPATH": str(REPO),
    }
    print("Preparing a fresh database with demo stories …")
    _prepare(env, database)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "django",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--no-worker",
        ],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    results = {}
    try:
        deadline = time.monotonic() + 60
        while _fetch(f"{base}/en/")[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.3)
        cached = [f"{base}/en/", f"{base}/az/", f"{base}/en/feeds/rss/", f"{base}/en/newsline/"]
        for url in cached:
            _fetch(url)
        phases = [
            ("baseline", None, None, options.phase),
            ("Redis refusing", redis_proxy, "refuse", options.phase),
            ("Redis hanging", redis_proxy, "hang", options.phase),
            ("PostgreSQL gone", pg_proxy, "refuse", options.outage),
        ]
        if options.redis_only:
            phases.pop()
        for name, proxy, mode, seconds in phases:
            # After a Redis drill each process skips the cache for a few seconds
            # (the breaker in publishing/caches.py); re-warm only once it is back.
            time.sleep(6 if name != "baseline" else 0)
            for url in cached:
                _fetch(url)
            print(f"{name}: {seconds} s of load …")
            if proxy:
                proxy.set(mode)
            results[name] = _summary(_load(base, seconds, cached))
            if proxy:
                proxy.set("pass")
            if name == "PostgreSQL gone":
                results[name]["recovered_after_s"] = _recovery_seconds(base)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    (data_dir / "results.json").write_text(json.dumps(results, indent=1))
    for name, summary in results.items():
        print(f"\n{name}")
        for kind, figures in summary.items():
            print(f"  {kind}: {figures}")


if __name__ == "__main__":
    main()
