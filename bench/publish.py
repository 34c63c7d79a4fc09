"""Publish → visible: retitle one story again and again, and time how long each new
headline takes to reach readers of the story, the News line, home and the feed.

Run by bench/run.py with the servers' environment (same settings and data
directory), so publishing goes through Wagtail's publish() and its purge signal
handlers exactly as an editor's click does. Prints one JSON object on stdout.

    python bench/publish.py '{"rounds": 24, "bases": {"app": "http://127.0.0.1:PORT"}}'
"""

import json
import random
import secrets
import sys
import threading
import time

import django

from processes import fetch

POLL_INTERVAL = 0.02
ROUND_TIMEOUT = 15


def main() -> None:
    options = json.loads(sys.argv[1])
    django.setup()
    token = secrets.token_hex(3)
    story = create_story(_headline(token, 0), slug=f"bench-{token}")
    surfaces = {
        "article": story.url,
        "newsline": "/en/newsline/",
        "home": "/en/",
        "feed": "/en/feeds/rss/",
    }
    targets = {
        (surface, via): base + path
        for via, base in options["bases"].items()
        for surface, path in surfaces.items()
    }
    _wait_for(targets, story.title)
    rounds = [
        _one_round(story, targets, _headline(token, number))
        for number in range(1, options["rounds"] + 1)
    ]
    print(json.dumps({"article_path": story.url, "rounds": rounds}))


def _headline(token: str, number: int) -> str:
    # Zero-padded so that no headline is part of another.
    return f"Bench headline {token} #{number:03d}"


def create_story(title: str, *, slug: str):
    """A news story at the top of the English politics desk, published now."""
    from django.utils import timezone

    from newsline.news.models import NewsPage, SectionPage

    section = SectionPage.objects.filter(locale__language_code="en").order_by("pk")
    section = section.filter(slug="politics").first() or section.first()
    story = NewsPage(
        title=title,
        slug=slug,
        lead="A story the benchmark retitles to time publish → visible.",
        body=[("paragraph", "<p>Written by bench/publish.py.</p>")],
        locale=section.locale,
        published_at=timezone.now(),
        live=False,
    )
    section.add_child(instance=story)
    story.save_revision().publish()
    story.refresh_from_db()
    return story


class Watch:
    """Pollers, one per target, each noting when its page first shows ``title``."""

    def __init__(self, targets: dict, title: str):
        self.seen: dict = {}
        self._needle = title.encode()
        self._stop = threading.Event()
        self._pollers = [
            threading.Thread(target=self._poll, args=(key, url), daemon=True)
            for key, url in targets.items()
        ]
        for poller in self._pollers:
            poller.start()

    def wait(self, until: float) -> None:
        for poller in self._pollers:
            poller.join(timeout=max(0.0, until - time.monotonic()))
        self._stop.set()

    def _poll(self, key, url: str) -> None:
        while not self._stop.is_set():
            try:
                status, _, body = fetch(url, timeout=10)
            except OSError:
                status, body = 0, b""
            if status == 200 and self._needle in body:
                self.seen[key] = time.monotonic()
                return
            time.sleep(POLL_INTERVAL)


def _one_round(story, targets: dict, title: str) -> dict:
    """Publish ``title`` while every target is polled; seconds from publish()'s
    return until each target first shows it (0 if it showed before the return)."""
    time.sleep(random.uniform(0.2, 0.8))  # noqa: S311 (no phase lock with nginx's clock)
    watch = Watch(targets, title)
    started = time.monotonic()
    story.title = title
    story.save_revision().publish()
    returned = time.monotonic()
    watch.wait(until=returned + ROUND_TIMEOUT)
    return {
        "publish_seconds": returned - started,
        "visible_after": {
            f"{surface}/{via}": (
                max(0.0, watch.seen[surface, via] - returned)
                if (surface, via) in watch.seen
                else None
            )
            for surface, via in targets
        },
    }


def _wait_for(targets: dict, title: str) -> None:
    """Until every target shows the story's first title (and caches it)."""
    watch = Watch(targets, title)
    watch.wait(until=time.monotonic() + 60)
    missing = [f"{surface}/{via}" for surface, via in targets if (surface, via) not in watch.seen]
    if missing:
        raise SystemExit(f"the new story never appeared on: {', '.join(missing)}")
    for url in targets.values():
        fetch(url)


if __name__ == "__main__":
    main()
