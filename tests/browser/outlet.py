"""A real Newsline outlet for the browser tests: its own data directory, the demo
content, and `newsline serve` (granian plus the worker) on a free loopback port.

The browser meets the product as a reader does: production's WSGI stack with the
page cache and its fast path, DEBUG off, real error pages. The test process never
touches the outlet's database directly; it asks the outlet, through ``run``, to do
what an editor's tools would (publish a story), and reads through HTTP.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import suppress
from pathlib import Path
from urllib.error import URLError
from urllib.parse import quote, urlencode, urlsplit

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("az", "en", "ru")
KINDS = ("news", "interview", "opinion", "video", "gallery", "live")
# Integrations the outlet leaves out, whatever the developer's shell has set.
UNSET = ("DATABASE_URL", "REDIS_URL", "FRONTEND_CACHE_URL", "S3_BUCKET", "DJANGO_SETTINGS_MODULE")


def _newsline() -> str:
    beside = Path(sys.executable).with_name("newsline")
    return str(beside) if beside.exists() else "newsline"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Outlet:
    """One running outlet; ``start`` builds it, ``stop`` ends every process it began."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = directory / "serve.log"
        self._server = None

    @property
    def env(self) -> dict:
        env = {name: value for name, value in os.environ.items() if name not in UNSET}
        env.update(
            NEWSLINE_DATA_DIR=str(self.directory),
            NEWSLINE_DEBUG="0",
            BASE_URL=self.base,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            PYTHONPATH=str(REPO),
            # SSI includes for whoever asks: the shipped nginx must strip the header
            # (test_breaking_day), as the app alone ignores it by default.
            NEWSLINE_SSI_FRAGMENTS="1",
        )
        return env

    @property
    def admin_password(self) -> str:
        return (self.directory / "admin-password.txt").read_text().strip()

    def start(self, stories_per_language: int = 24) -> "Outlet":
        self.manage("migrate", "--noinput")
        self.manage("demo", "--stories", str(stories_per_language))
        argv = [_newsline(), "serve", "--bind", f"127.0.0.1:{self.port}", "--workers", "2"]
        with self.log.open("ab") as output:
            self._server = subprocess.Popen(  # noqa: S603
                argv,
                env=self.env,
                cwd=self.directory,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_until_answering()
        return self

    def stop(self) -> None:
        if self._server is None or self._server.poll() is not None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self._server.pid, signal.SIGTERM)
        try:
            self._server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(self._server.pid, signal.SIGKILL)

    def sign_in(self, page) -> None:
        """Sign ``page`` (a Playwright tab on this outlet) in to the admin."""
        page.goto("/admin/login/")
        page.locator("#id_username").fill("admin")
        page.locator("#id_password").fill(self.admin_password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/admin/")

    def manage(self, *args: str) -> str:
        result = subprocess.run(  # noqa: S603
            [_newsline(), *args],
            env=self.env,
            cwd=self.directory,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"newsline {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def run(self, code: str) -> str:
        """Run Python in the outlet's Django (its database and caches); returns what
        it printed. Used for what the test needs done behind the reader's back."""
        return self.manage("shell", "--no-imports", "-c", code).strip()

    def api(self, path: str) -> dict:
        with urllib.request.urlopen(self.base + path, timeout=30) as response:  # noqa: S310
            return json.load(response)

    def story_path(self, language: str, kind: str = "news") -> str:
        """The address of the newest published story of ``kind`` in ``language``."""
        found = self.api(f"/api/v2/stories/?language={language}&kind={kind}&limit=1")
        if not found["items"]:
            raise LookupError(f"the demo has no {kind} story in {language}")
        return urlsplit(found["items"][0]["meta"]["html_url"]).path

    def page_paths(self, language: str) -> dict[str, str]:
        """One address of every page kind readers meet in ``language``."""
        section = self.api(f"/api/v2/sections/?language={language}&limit=1")["items"][0]
        person = self.api(f"/api/v2/people/?language={language}&limit=1")["items"][0]
        topic = self.api(f"/api/v2/topics/?language={language}&limit=1")["items"][0]
        return {
            "home": f"/{language}/",
            "section": urlsplit(section["meta"]["html_url"]).path,
            **{kind: self.story_path(language, kind) for kind in KINDS},
            "archive": f"/{language}/archive/",
            "archive-day": self._newest_day(language),
            "person": urlsplit(person["meta"]["html_url"]).path,
            "topic": f"/{language}/topics/{quote(topic['slug'])}/",
            "search": f"/{language}/search/?{urlencode({'q': self._headline_word(language)})}",
            "topics": f"/{language}/topics/",
            "corrections": f"/{language}/corrections/",
            "corrected": self._corrected_story(language),
            "not-found": f"/{language}/no-such-page/",
        }

    def _corrected_story(self, language: str) -> str:
        """The demo's corrected story, found through the corrections feed."""
        newest = self.api(f"/{language}/corrections/feeds/json/")["items"][0]
        return urlsplit(newest["url"]).path

    def _newest_day(self, language: str) -> str:
        newest = self.api(f"/api/v2/stories/?language={language}&limit=1")["items"][0]
        day = newest["published_at"][:10].replace("-", "/")
        return f"/{language}/archive/{day}/"

    def _headline_word(self, language: str) -> str:
        """A word of the newest headline, so the search page shows results."""
        title = self.api(f"/api/v2/stories/?language={language}&limit=1")["items"][0]["title"]
        words = [word.strip(".,:;!?«»\"'") for word in title.split()]
        return max(words, key=len)

    def _wait_until_answering(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._server.poll() is not None:
                raise RuntimeError(f"newsline serve died; see {self.log}:\n{self._tail()}")
            with (
                suppress(URLError, OSError),
                urllib.request.urlopen(  # noqa: S310
                    self.base + "/en/", timeout=5
                ),
            ):
                return
            time.sleep(0.3)
        raise RuntimeError(f"newsline serve did not answer in {timeout} s:\n{self._tail()}")

    def _tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])


def chromium_path() -> str | None:
    """Debian's chromium, which the project's install step puts there."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    return None
