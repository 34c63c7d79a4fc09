"""The servers a bench run starts, and their certain end.

Every process starts in a session of its own, so stopping it means signalling
exactly that process group: gunicorn's workers and nginx's workers go with
their master, and nothing the bench did not start is touched.
"""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit


class Processes:
    """A context manager that stops, in reverse order, everything it started."""

    def __init__(self):
        self._started: list[tuple[str, subprocess.Popen, Path]] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop_all()

    def start(self, name: str, argv: list[str], *, log: Path, env=None) -> subprocess.Popen:
        with log.open("ab") as output:
            process = subprocess.Popen(
                argv,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._started.append((name, process, log))
        return process

    def log_of(self, process: subprocess.Popen) -> Path:
        return next(log for _, started, log in self._started if started is process)

    def stop_all(self) -> None:
        while self._started:
            _, process, _ = self._started.pop()
            stop(process)


def stop(process: subprocess.Popen, grace: float = 15) -> None:
    if process.poll() is not None:
        return
    _signal_group(process, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        _signal_group(process, signal.SIGKILL)
        process.wait(timeout=5)
    # Workers that outlived their master (they share its process group).
    _signal_group(process, signal.SIGKILL)


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


def group_cpu_seconds(process: subprocess.Popen) -> float:
    """User plus system CPU time of ``process`` and every live process below it
    (``newsline serve`` starts its server in a process group of its own, so the
    group alone would miss it)."""
    ticks = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command name: state, ppid, pgrp, ... utime (12th), stime (13th).
        stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    below = {process.pid}
    while found := {pid for pid, (parent, _) in stats.items() if parent in below} - below:
        below |= found
    return sum(stats[pid][1] for pid in below if pid in stats) / ticks


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> tuple[int, dict, bytes]:
    """GET ``url`` on a fresh connection: status, headers (lower-case names), body."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        body = response.read()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, body
    finally:
        connection.close()


def wait_until_answering(url: str, process: subprocess.Popen, log: Path, timeout=90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} died while starting; see {log}:\n{_tail(log)}")
        try:
            status, _, _ = fetch(url, timeout=10)
        except OSError:
            time.sleep(0.3)
            continue
        if status < 500:
            return
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s; see {log}:\n{_tail(log)}")


def _tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
