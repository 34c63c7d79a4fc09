"""The shipped nginx site file (docs/deploy/nginx.conf), started for a test with its
own ports and paths, as `make bench` runs it. Only addresses and paths change; if
one of them is no longer in the file, the test fails rather than check another
configuration.

nginx comes from Debian (`make install` installs nginx-light as root); tests that
need it skip, saying how to install it, when it is missing.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from newsline.core import edge

SHIPPED = Path(__file__).resolve().parents[1] / "docs" / "deploy" / "nginx.conf"
EDGE_HEADERS = "/etc/nginx/snippets/newsline-headers.conf"
MAIN = """
daemon off;
{user}
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/logs/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {dir}/logs/access.log;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    include {dir}/newsline.conf;
}}
"""


def executable() -> str | None:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if Path(found).exists() else None


def require() -> str:
    found = executable()
    if found is None:
        pytest.skip(
            "nginx is not installed: run `make install` as root, or apt-get install nginx-light"
        )
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def render(directory: Path, *, port: int, app_port: int, data: Path) -> Path:
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{port};",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "/srv/newsline/data/": f"{data}/",
        "/var/cache/nginx/newsline": f"{directory}/cache",
        "/var/log/nginx/": f"{directory}/logs/",
        EDGE_HEADERS: f"{directory}/newsline-headers.conf",
    }
    site = SHIPPED.read_text()
    for old, new in replacements.items():
        assert old in site, f"{SHIPPED} no longer contains {old!r}; update tests/nginx.py"
        site = site.replace(old, new)
    for sub in ("logs", "tmp", "cache"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    (directory / "newsline.conf").write_text(site)
    # As `newsline edge_headers` writes it, from this process's settings.
    (directory / "newsline-headers.conf").write_text(edge.nginx_lines())
    # As root, nginx's workers would become `nobody`, who cannot read a test's files.
    user = "user root;" if os.geteuid() == 0 else ""
    config = directory / "nginx.conf"
    config.write_text(MAIN.format(dir=directory, user=user))
    return config


class ShippedNginx:
    """``with ShippedNginx(tmp_path, data=..., app_port=...) as base:`` serves there."""

    def __init__(self, directory: Path, *, data: Path, app_port: int):
        self.port = free_port()
        self.config = render(directory, port=self.port, app_port=app_port, data=data)
        self.directory = directory
        self.process = None

    def __enter__(self) -> str:
        binary = require()
        argv = [binary, "-p", f"{self.directory}/", "-c", str(self.config)]
        self.process = subprocess.Popen(  # noqa: S603
            [*argv, "-e", "logs/error.log"], stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return f"http://127.0.0.1:{self.port}"
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode())
            time.sleep(0.05)
        raise RuntimeError("nginx did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)
