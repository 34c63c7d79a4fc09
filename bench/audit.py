"""`make audit`: Lighthouse and screenshots of the demo outlet as production serves it.

The outlet runs as in the bench (production settings, collected static files,
`newsline serve`) behind the shipped nginx configuration, which compresses and
caches as a real deployment does. Lighthouse 12.2.3 (npm, pinned in package.json)
audits, with its default mobile settings and Debian's chromium, the home page in
each language with the breaking banner on and off, a section, an article and the
live story in each language; Playwright takes phone and desktop screenshots of the
home page, a section, a story and a live story, with the banner off and on.

Everything lands in var/audit/: one Lighthouse HTML and JSON report per page,
screenshots/, and scores.json. The scores are printed; the run exits non-zero if
any is below the bar (95).
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

import app
import nginx
from processes import Processes, fetch, free_port

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "audit"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BAR = 95
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def main() -> None:
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    _check_tools()
    shutil.rmtree(OUT, ignore_errors=True)
    (OUT / "screenshots").mkdir(parents=True)
    run = Path(tempfile.mkdtemp(prefix="newsline-audit-"))
    try:
        with Processes() as procs:
            base, data = _serve(run, procs)
            found = app.surfaces(base)
            pages = {"section": found["section"], "article": found["article"]}
            for language in LANGUAGES:
                pages[f"home-{language}"] = f"/{language}/"
                pages[f"live-{language}"] = _live_story(base, language)
            shots = {name: pages[name] for name in ("home-en", "section", "article", "live-en")}
            scores = {name: lighthouse(base + path, name) for name, path in pages.items()}
            screenshots(base, shots, state="breaking-off")
            _set_breaking(data, on=True)
            time.sleep(2)  # nginx keeps the banner fragment up to a second
            for language in LANGUAGES:
                name = f"home-{language}-breaking"
                pages[name] = f"/{language}/"
                scores[name] = lighthouse(base + pages[name], name)
            screenshots(base, shots, state="breaking-on")
            _set_breaking(data, on=False)
    finally:
        shutil.rmtree(run, ignore_errors=True)
    (OUT / "scores.json").write_text(json.dumps(scores, indent=2) + "\n")
    sys.exit(report(scores, pages))


def _check_tools() -> None:
    missing = [
        what
        for what, present in (
            ("Lighthouse (npm ci; `make install` runs it)", LIGHTHOUSE.exists()),
            ("Debian's chromium (`make install` as root)", Path(CHROMIUM).exists()),
            ("nginx (`sh bench/install-tools.sh`)", nginx.executable()),
        )
        if not present
    ]
    if missing:
        sys.exit("make audit needs: " + "; ".join(missing))


LANGUAGES = ("az", "en", "ru")
BREAKING = """
from newsline.news.models import NewsPage
from newsline.news.services import end_breaking
for language in ("az", "en", "ru"):
    story = NewsPage.objects.live().filter(locale__language_code=language).order_by(
        "-published_at").first()
    if {on}:
        story.is_breaking, story.breaking_until = True, None
        story.save_revision().publish()
    elif story.is_breaking:
        end_breaking(story)
"""


def _set_breaking(data: Path, *, on: bool) -> None:
    """Mark (or end) the newest story of each language as breaking news."""
    app.manage(data, "shell", "--no-imports", "-c", BREAKING.format(on=on))


def _live_story(base: str, language: str) -> str:
    found = json.loads(fetch(f"{base}/api/v2/stories/?language={language}&kind=live")[2])
    return urlsplit(found["items"][0]["meta"]["html_url"]).path


def _serve(run: Path, procs: Processes) -> tuple[str, Path]:
    """The outlet behind nginx; returns nginx's base URL and the data directory."""
    data = app.prepare_data(run, fresh=False)
    logs = run / "logs"
    logs.mkdir()
    _, app_base = app.start(procs, data, logs, name="app", workers=2, edge_headers=True)
    port = free_port()
    config = nginx.prepare(
        run / "nginx",
        port=port,
        static_port=free_port(),
        app_port=int(app_base.rsplit(":", 1)[1]),
        data=data,
        pages={},
    )
    base = f"http://127.0.0.1:{port}"
    nginx.start(procs, config, probe_url=base + "/en/")
    return base, data


def lighthouse(url: str, name: str, attempts: int = 3) -> dict:
    """Lighthouse's four category scores (0-100) for ``url``, mobile settings. Its
    trace recording fails now and then on a busy machine (NO_NAVSTART): tried again."""
    for attempt in range(1, attempts + 1):
        try:
            return _lighthouse(url, name)
        except subprocess.CalledProcessError:
            if attempt == attempts:
                raise
            print(f"Lighthouse failed on {url}; trying again ({attempt + 1}/{attempts}).")
    raise AssertionError("unreachable")


def _lighthouse(url: str, name: str) -> dict:
    prefix = OUT / f"lighthouse-{name}"
    subprocess.run(  # noqa: S603
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--chrome-flags={CHROMIUM_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            "--output=html",
            f"--output-path={prefix}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        timeout=300,
    )
    result = json.loads(prefix.with_name(prefix.name + ".report.json").read_text())
    scores = {key: round(result["categories"][key]["score"] * 100) for key in CATEGORIES}
    return {**scores, "url": url, "below_par": _failed_audits(result)}


def _failed_audits(result: dict) -> list[str]:
    return [
        f"{audit['id']}: {audit['title']}"
        for audit in result["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]


def screenshots(base: str, pages: dict, *, state: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS.split()[1:]
        )
        for device, viewport in VIEWPORTS.items():
            page = browser.new_page(viewport=viewport)
            for name, path in pages.items():
                page.goto(base + path, wait_until="networkidle")
                shot = OUT / "screenshots" / f"{name}-{state}-{device}.png"
                page.screenshot(path=shot, full_page=True)
            page.close()
        browser.close()


def report(scores: dict, pages: dict) -> int:
    print(f"\nLighthouse 12.2.3, mobile, behind the shipped nginx ({time.strftime('%Y-%m-%d')}):")
    print(f"{'page':<20}" + "".join(f"{c:>16}" for c in CATEGORIES))
    failing = 0
    for name, row in scores.items():
        print(f"{name:<20}" + "".join(f"{row[c]:>16}" for c in CATEGORIES) + f"   {pages[name]}")
        failing += sum(row[c] < BAR for c in CATEGORIES)
        for audit in row["below_par"]:
            print(f"{'':20}below par: {audit}")
    print(f"\nReports and screenshots in {OUT.relative_to(ROOT)}/")
    if failing:
        print(f"{failing} score(s) below {BAR}.")
    return 1 if failing else 0


if __name__ == "__main__":
    main()
