"""nginx for the bench: the site file we ship, rendered with the run's ports and paths.

The shipped file (docs/deploy/nginx.conf) is used as it is, except for the
addresses and paths listed in ``_site_replacements``; if one of them is no
longer in the file, the bench stops rather than measure something else.
"""

import os
import pwd
import shutil
import subprocess
from pathlib import Path

import app
from processes import Processes, fetch, wait_until_answering

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "docs" / "deploy" / "nginx.conf"
MAIN = Path(__file__).resolve().parent / "nginx-main.conf"


def executable() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )


def version() -> str:
    result = subprocess.run([executable(), "-v"], capture_output=True, text=True, check=False)
    return result.stderr.strip().removeprefix("nginx version: ")


# The readers' security headers the shipped file includes (decision 0035); a site
# file from before it (bench/spike.py's design before) has no such line.
EDGE_HEADERS = "/etc/nginx/snippets/newsline-headers.conf"


def _site_replacements(*, port: int, app_port: int, data: Path, directory: Path) -> dict:
    return {
        "listen 80;": f"listen 127.0.0.1:{port};",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "/srv/newsline/data/": f"{data}/",
        "/var/cache/nginx/newsline": f"{directory}/cache",
        "/var/log/nginx/": f"{directory}/logs/",
    }


def render_site(replacements: dict) -> str:
    text = SHIPPED.read_text()
    for old, new in replacements.items():
        if old not in text:
            raise RuntimeError(f"{SHIPPED} no longer contains {old!r}; update bench/nginx.py")
        text = text.replace(old, new)
    return text


def prepare(directory: Path, *, port, static_port, app_port, data, pages, variant=None) -> Path:
    """Write an nginx prefix directory; ``variant`` maps further text replacements in
    the site file (e.g. Debian's ``tcp_nopush on``). Returns the nginx.conf path."""
    for sub in ("logs", "tmp", "cache", "static-pages"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    replacements = _site_replacements(port=port, app_port=app_port, data=data, directory=directory)
    if EDGE_HEADERS in SHIPPED.read_text():
        (directory / "newsline-headers.conf").write_text(app.edge_header_lines(data))
        replacements[EDGE_HEADERS] = f"{directory}/newsline-headers.conf"
    (directory / "newsline.conf").write_text(render_site(replacements | (variant or {})))
    for name, body in pages.items():
        (directory / "static-pages" / name).write_bytes(body)
    main = MAIN.read_text().replace("@@DIR@@", str(directory))
    main = main.replace("@@STATIC_PORT@@", str(static_port))
    (directory / "nginx.conf").write_text(main)
    _hand_to_unprivileged_user(directory)
    return directory / "nginx.conf"


def start(procs: Processes, config: Path, *, probe_url: str):
    directory = config.parent
    argv = [executable(), "-p", f"{directory}/", "-c", str(config), "-e", "logs/error.log"]
    test = subprocess.run(
        [*_as_unprivileged_user(), *argv, "-t", "-q"], capture_output=True, text=True, check=False
    )
    if test.returncode != 0:
        raise RuntimeError(f"nginx rejects {config}:\n{test.stderr}")
    log = directory / "logs" / "master.log"
    process = procs.start(f"nginx {directory.name}", [*_as_unprivileged_user(), *argv], log=log)
    wait_until_answering(probe_url, process, log)
    return process


def cache_status(url: str) -> str:
    return fetch(url)[1].get("x-cache-status", "")


# nginx needs no privilege on high ports; when the bench runs as root, nginx runs
# as nobody, so a mistake in a config cannot write outside the run's directory.
def _as_unprivileged_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    nobody = pwd.getpwnam("nobody")
    return ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]


def _hand_to_unprivileged_user(directory: Path) -> None:
    if os.geteuid() != 0:
        return
    nobody = pwd.getpwnam("nobody")
    for path in [directory, *directory.rglob("*")]:
        os.chown(path, nobody.pw_uid, nobody.pw_gid)
