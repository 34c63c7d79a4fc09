"""Ingest speed and memory: items per second and peak memory for 1,000-item RSS,
ninjs and WordPress (WXR) files, each read by the real commands into a fresh
outlet (SQLite, ``newsline init``), without pictures.

    .venv/bin/python bench/ingest.py [--items 1000]

Every document is generated here from invented words; nothing is downloaded.
Figures go to stdout and var/bench/ingest.json (docs/benchmark.md).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "bench" / "ingest.json"
WORDS = [
    *("metro", "harbour", "ferry", "council", "budget", "grain", "pipeline", "festival"),
    *("museum", "bridge", "tram", "school", "rain", "drought", "olive", "vineyard"),
    *("theatre", "orchestra", "stadium", "league", "river", "coast", "mountain", "village"),
    *("market", "bakery", "library", "hospital", "airport", "railway", "tunnel", "ministry"),
]
START = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def items(count: int, seed: int = 7):
    rng = random.Random(seed)
    for number in range(count):
        yield {
            "guid": f"urn:bench:{number}",
            "title": f"{sentence(rng, 7)[:-1]} {number}",
            "lead": sentence(rng, 20),
            "body": "".join(f"<p>{sentence(rng, 40)}</p>" for _ in range(6)),
            "when": START + timedelta(minutes=number),
            "author": rng.choice(["Aysel Karimova", "Murad Huseynov", "Nigar Safarova"]),
            "topic": rng.choice(["Transport", "Culture", "Economy", "Weather"]),
        }


def rss(count: int) -> bytes:
    entries = "".join(
        "<item>"
        f"<guid>{item['guid']}</guid><title>{escape(item['title'])}</title>"
        f"<description>{escape(item['lead'])}</description>"
        f"<content:encoded>{escape(item['body'])}</content:encoded>"
        f"<dc:creator>{item['author']}</dc:creator><category>{item['topic']}</category>"
        f"<pubDate>{item['when'].strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
        "</item>"
        for item in items(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench Wire</title>'
        "<link>https://wire.example.az/</link><description>Invented</description>"
        f"<language>en</language>{entries}</channel></rss>"
    ).encode()


def ninjs(count: int) -> bytes:
    documents = [
        {
            "uri": f"https://wire.example.az/{item['guid'].rsplit(':', 1)[1]}",
            "type": "text",
            "language": "en",
            "versioncreated": item["when"].isoformat(),
            "firstcreated": item["when"].isoformat(),
            "headlines": [{"role": "main", "value": item["title"]}],
            "descriptions": [{"role": "summary", "value": item["lead"]}],
            "bodies": [{"role": "main", "contenttype": "text/html", "value": item["body"]}],
            "people": [{"name": item["author"], "rel": "author"}],
            "subjects": [{"name": item["topic"]}],
        }
        for item in items(count)
    ]
    return json.dumps(documents).encode()


def wxr(count: int) -> bytes:
    posts = "".join(
        "<item>"
        f"<title>{escape(item['title'])}</title>"
        f"<link>https://old.example.az/?p={number + 10}</link>"
        f"<dc:creator>{item['author'].split()[0].lower()}</dc:creator>"
        f'<guid isPermaLink="false">https://old.example.az/?p={number + 10}</guid>'
        f"<content:encoded><![CDATA[{item['body']}]]></content:encoded>"
        f"<excerpt:encoded><![CDATA[{item['lead']}]]></excerpt:encoded>"
        f"<wp:post_id>{number + 10}</wp:post_id>"
        f"<wp:post_date>{item['when']:%Y-%m-%d %H:%M:%S}</wp:post_date>"
        f"<wp:post_date_gmt>{item['when']:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
        f"<wp:post_name>post-{number}</wp:post_name><wp:status>publish</wp:status>"
        "<wp:post_type>post</wp:post_type>"
        f'<category domain="category" nicename="politics"><![CDATA[Politics]]></category>'
        "</item>"
        for number, item in enumerate(items(count))
    )
    authors = "".join(
        f"<wp:author><wp:author_login>{name.split()[0].lower()}</wp:author_login>"
        f"<wp:author_display_name>{name}</wp:author_display_name></wp:author>"
        for name in ("Aysel Karimova", "Murad Huseynov", "Nigar Safarova")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">'
        "<channel><title>Old site</title><link>https://old.example.az</link>"
        "<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example.az"
        f"</wp:base_site_url>{authors}{posts}</channel></rss>"
    ).encode()


class Outlet:
    """A fresh outlet in a temporary directory, driven through its commands."""

    def __init__(self, directory: Path):
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
            "NEWSLINE_DATA_DIR": str(directory),
            "DJANGO_SETTINGS_MODULE": "newsline.settings.dev",
        }
        self.directory = directory

    def run(self, *args: str) -> tuple[float, float, str]:
        """Wall seconds, peak memory of the process in MB, and its last line."""
        command = [str(Path(sys.executable).with_name("newsline")), *args]
        wrapper = [sys.executable, "-c", _PEAK, *command]
        started = time.perf_counter()
        done = subprocess.run(  # noqa: S603
            wrapper, env=self.env, cwd=self.directory, capture_output=True, text=True, check=False
        )
        elapsed = time.perf_counter() - started
        lines = done.stdout.strip().splitlines()
        peak = float(lines[-1]) if lines else 0.0
        last = lines[-2] if len(lines) > 1 else done.stderr[-500:]
        return elapsed, peak, last


# Runs the command as a child and prints its peak resident memory (MB) last.
_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=False)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
)


def _measure(outlet: Outlet, directory: Path, name: str, data: bytes, count: int) -> dict:
    path = directory / f"bench.{name}"
    path.write_bytes(data)
    if name.startswith("wxr"):
        args = ("import_wordpress", str(path), "--language", "en")
    else:
        args = ("ingest", "--language", "en", "--section", "politics", "--publish", str(path))
    elapsed, peak, last = outlet.run(*args)
    path.unlink()
    print(
        f"{name:9} {count} items in {elapsed:6.1f} s = {count / elapsed:6.1f} items/s, "
        f"peak {peak:6.1f} MB ({len(data) / 1e6:.1f} MB document): {last}"
    )
    return {
        "items": count,
        "seconds": round(elapsed, 2),
        "items_per_second": round(count / elapsed, 1),
        "peak_mb": round(peak, 1),
        "document_mb": round(len(data) / 1e6, 2),
        "last_line": last,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    count = parser.parse_args().items
    results = {}
    with tempfile.TemporaryDirectory(prefix="newsline-ingest-") as tmp:
        directory = Path(tmp)
        outlet = Outlet(directory)
        outlet.run("migrate", "--noinput")
        outlet.run("init", "--name", "Bench Outlet", "--languages", "en,az,ru")
        documents = {"rss": rss(count), "ninjs": ninjs(count), "wxr": wxr(count)}
        for name, data in documents.items():
            results[name] = _measure(outlet, directory, name, data, count)
        # 100 MB documents: a wire file is refused by its size before it is parsed; a
        # WordPress export is streamed (checked whole first: this one is cut short at
        # its end, so the whole file is read and then refused, nothing written).
        big = max(1, round(100e6 / len(documents["rss"]) * count))
        results["rss-100mb"] = _measure(outlet, directory, "rss-100mb", rss(big), big)
        truncated = wxr(big)[:-200]
        results["wxr-100mb"] = _measure(outlet, directory, "wxr-100mb", truncated, big)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"measured": datetime.now(UTC).isoformat(), **results}, indent=2))
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
