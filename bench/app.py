"""Newsline as production runs it: its data directory, its servers, its addresses."""

import os
import re
import secrets
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from processes import Processes, fetch, free_port, wait_until_answering

ROOT = Path(__file__).resolve().parent.parent
# The demo outlet after `migrate` and `demo`, kept to save ~1 min on the next run.
SEED = ROOT / "var" / "bench-data" / "seed"
# Integrations the bench leaves out: it measures the default deployment
# (SQLite, the disk cache shared by all processes, no CDN).
UNSET = (
    "DATABASE_URL",
    "REDIS_URL",
    "FRONTEND_CACHE_URL",
    "CLOUDFLARE_ZONE_ID",
    "CLOUDFLARE_API_TOKEN",
    "CLOUDFRONT_DISTRIBUTION_ID",
    "NEWSLINE_WORKERS",
    "CACHE_S_MAXAGE",
)
SECRET_KEY = secrets.token_urlsafe(48)


def newsline() -> str:
    beside = Path(sys.executable).with_name("newsline")
    return str(beside) if beside.exists() else shutil.which("newsline")


def environment(
    data: Path, *, page_cache: bool = True, redis_url: str = "", edge_headers: bool = False
) -> dict:
    env = {name: value for name, value in os.environ.items() if name not in UNSET}
    env.update(
        DJANGO_SETTINGS_MODULE="newsline.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        NEWSLINE_DATA_DIR=str(data),
        NEWSLINE_DEBUG="0",
        # nginx serves uploads in the shipped configuration.
        NEWSLINE_SERVE_MEDIA="0",
        NEWSLINE_PAGE_CACHE="1" if page_cache else "0",
        # Plain HTTP on loopback: production settings otherwise send every request
        # to https (NEWSLINE_HTTPS is on by default there).
        NEWSLINE_HTTPS="0",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    if edge_headers:  # behind the shipped nginx, which sends them (decision 0035)
        env["NEWSLINE_EDGE_HEADERS"] = "1"
    return env


def manage(data: Path, *args: str) -> None:
    subprocess.run(
        [newsline(), *args], env=environment(data), check=True, stdout=subprocess.DEVNULL
    )


def edge_header_lines(data: Path) -> str:
    """The nginx lines of readers' security headers (`newsline edge_headers`)."""
    argv = [newsline(), "edge_headers"]
    return subprocess.run(
        argv, env=environment(data), check=True, capture_output=True, text=True
    ).stdout


# Bump when the demo changes what a measured page shows (it was 1 before live coverage).
SEED_VERSION = "2"


def prepare_data(run: Path, *, fresh: bool) -> Path:
    """A private copy of the demo outlet, migrated, with collected static files."""
    marker = SEED / "seed-version.txt"
    is_current = marker.exists() and marker.read_text().strip() == SEED_VERSION
    if fresh or not (SEED / "newsline.sqlite3").exists() or not is_current:
        _build_seed(run / "seed")
    data = run / "data"
    shutil.copytree(SEED, data, ignore=shutil.ignore_patterns("cache", "static"))
    manage(data, "migrate", "--noinput")
    manage(data, "collectstatic", "--noinput")
    _let_everyone_read(run)
    return data


def _build_seed(build: Path) -> None:
    print("Building the demo outlet once (~1 min); later runs reuse var/bench-data/seed.")
    build.mkdir()
    manage(build, "migrate", "--noinput")
    manage(build, "demo")
    (build / "seed-version.txt").write_text(SEED_VERSION + "\n")
    shutil.rmtree(build / "cache", ignore_errors=True)
    shutil.rmtree(SEED, ignore_errors=True)
    SEED.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(build, SEED)


def _let_everyone_read(top: Path) -> None:
    # nginx (as nobody when the bench runs as root) serves /static/ and /media/.
    for path in [top, *top.rglob("*")]:
        extra = stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0)
        path.chmod(path.stat().st_mode | extra)


def start(
    procs: Processes, data: Path, logs: Path, *, name: str, workers: int, server=(), **settings
):
    """``newsline serve`` on a free loopback port; returns (process, base URL).
    ``server``: more options for it (``--server gunicorn --threads 1``);
    ``settings``: ``page_cache``, ``redis_url`` and ``edge_headers``, as for
    ``environment``."""
    port = free_port()
    log = logs / f"{name}.log"
    argv = [newsline(), "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    argv += [*server, "--no-worker"]
    process = procs.start(name, argv, log=log, env=environment(data, **settings))
    base = f"http://127.0.0.1:{port}"
    wait_until_answering(base + "/en/", process, log)
    return process, base


def redis_answers(url: str) -> bool:
    """Whether a Redis answers PING at ``url`` (redis://host:port/db)."""
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def surfaces(base: str) -> dict[str, str]:
    """The five addresses measured: a story, home, its section, the News line, a feed."""
    _, _, home = fetch(base + "/en/")
    section_paths = re.findall(rb'href="(/en/[a-z-]+/)"', home)
    section = b"/en/politics/" if b"/en/politics/" in section_paths else section_paths[0]
    _, _, listing = fetch(base + section.decode())
    stories = re.findall(rb'href="(' + re.escape(section) + rb'[^"/?#]+/)"', listing)
    if not stories:
        raise RuntimeError(f"no story found on {section.decode()}")
    return {
        "article": stories[0].decode(),
        "home": "/en/",
        "section": section.decode(),
        "newsline": "/en/newsline/",
        "feed": "/en/feeds/rss/",
    }


def ok(client, url):
    """``url`` fetched in this process through Django's test ``client``; a bench
    stops at once, naming it, when it is not a 200."""
    response = client.get(url)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}: {response.content[:300]!r}")
    return response


def cpu_seconds(call, *args) -> float:
    """The CPU time ``call(*args)`` took in this process."""
    started = time.process_time()
    call(*args)
    return time.process_time() - started
