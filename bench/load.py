"""wrk on loopback: one run, its requests per second, and the servers' CPU per request."""

import re
import shutil
import subprocess
from dataclasses import asdict, dataclass

from processes import group_cpu_seconds

# As in the peer figures of shared/FIELD-NOTES.md: one wrk thread, 16 connections.
THREADS = 1
CONNECTIONS = 16
TIMEOUT = 10


@dataclass(frozen=True)
class Run:
    requests_per_second: float
    requests: int
    errors: int
    latency_p50_ms: float
    latency_p99_ms: float
    server_cpu_ms_per_request: float | None

    def as_json(self) -> dict:
        return asdict(self)


def executable() -> str | None:
    return shutil.which("wrk")


def version() -> str:
    result = subprocess.run([executable(), "-v"], capture_output=True, text=True, check=False)
    return (result.stdout + result.stderr).split(" [", 1)[0].strip()


def wrk(url: str, seconds: float, servers=()) -> Run:
    """``servers``: the processes (group leaders) that answer ``url``, for CPU accounting."""
    cpu_before = sum(group_cpu_seconds(server) for server in servers)
    argv = [
        executable(),
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        # Uncached pages queue for over wrk's default 2 s; count them, not time them out.
        f"--timeout={TIMEOUT}s",
        "--latency",
        url,
    ]
    output = subprocess.run(
        argv, capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    cpu = sum(group_cpu_seconds(server) for server in servers) - cpu_before
    requests = int(_find(r"(\d+) requests in", output))
    return Run(
        requests_per_second=float(_find(r"Requests/sec:\s+([\d.]+)", output)),
        requests=requests,
        errors=_errors(output),
        latency_p50_ms=_milliseconds(_find(r"\s50%\s+([\d.]+\w+)", output)),
        latency_p99_ms=_milliseconds(_find(r"\s99%\s+([\d.]+\w+)", output)),
        server_cpu_ms_per_request=(cpu * 1000 / requests) if servers and requests else None,
    )


def _find(pattern: str, output: str) -> str:
    match = re.search(pattern, output)
    if not match:
        raise RuntimeError(f"unexpected wrk output (no {pattern!r}):\n{output}")
    return match.group(1)


def _errors(output: str) -> int:
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in socket.groups()) if socket else 0
    )


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
