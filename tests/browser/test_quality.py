"""The quality bars of every page kind, in every language: accessibility (axe-core,
WCAG 2.1 A and AA), valid HTML (the Nu HTML checker), and an article's weight and
pictures as the browser receives them."""

import json
import shutil
import subprocess
import urllib.request
from pathlib import Path
from urllib.error import HTTPError

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.template import loader

from .outlet import LANGUAGES, REPO

PAGE_KINDS = (
    "home",
    "section",
    "news",
    "interview",
    "opinion",
    "video",
    "gallery",
    "live",
    "archive",
    "archive-day",
    "person",
    "topic",
    "search",
    "topics",
    "corrections",
    "corrected",
    "not-found",
)
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTICLE_BUDGET = 150 * 1024  # bytes transferred, pictures excluded


@pytest.fixture(scope="session")
def paths(outlet):
    return {language: outlet.page_paths(language) for language in LANGUAGES}


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_has_no_accessibility_violations(page, outlet, paths, language, kind):
    response = page.goto(outlet.base + paths[language][kind])
    assert response.status == (404 if kind == "not-found" else 200)

    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]

    assert [_describe(v) for v in violations] == []


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_error_pages_served_without_the_database_have_no_violations(page, template):
    # Not reachable on a healthy outlet: rendered as the error handlers render them.
    page.set_content(loader.get_template(template).render())

    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]

    assert [_describe(v) for v in violations] == []


def _describe(violation: dict) -> str:
    where = "; ".join(node["html"][:120] for node in violation["nodes"][:3])
    return f"{violation['id']}: {violation['help']} — {where}"


def test_every_page_kind_is_valid_html(outlet, paths, tmp_path):
    if shutil.which("java") is None or not VNU.exists():
        pytest.skip("the Nu HTML checker needs Java and `npm ci` (make install runs it)")
    files = []
    for language, kinds in paths.items():
        for kind, path in kinds.items():
            target = tmp_path / f"{language}-{kind}.html"
            target.write_bytes(_body(outlet.base + path))
            files.append(str(target))
    for template in ("500.html", "503.html"):
        target = tmp_path / template
        target.write_text(loader.get_template(template).render())
        files.append(str(target))

    result = subprocess.run(  # noqa: S603
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )

    errors = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stderr or "{}").get("messages", [])
    ]
    assert errors == []
    assert len(files) == len(LANGUAGES) * len(PAGE_KINDS) + 2


def _body(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return response.read()
    except HTTPError as error:  # the error pages are checked too
        return error.read()


@pytest.mark.parametrize("kind", ["news", "gallery"])
def test_article_weighs_less_than_the_budget_without_pictures(page, outlet, paths, kind):
    page.goto(outlet.base + paths["en"][kind], wait_until="networkidle")

    transferred = page.evaluate(
        """() => performance.getEntriesByType('navigation')
              .concat(performance.getEntriesByType('resource'))
              .filter(e => e.initiatorType !== 'img' && !/\\/media\\//.test(e.name))
              .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0)"""
    )

    assert 0 < transferred <= ARTICLE_BUDGET


def test_article_loads_nothing_render_blocking_from_elsewhere(page, outlet, paths):
    page.goto(outlet.base + paths["en"]["video"])

    blocking = page.evaluate(
        """() => [...document.querySelectorAll('head script[src], link[rel=stylesheet]')]
              .filter(e => !(e.defer || e.async || e.type === 'module'))
              .map(e => new URL(e.src || e.href))
              .filter(u => u.origin !== location.origin)
              .map(u => u.href)"""
    )

    assert blocking == []


@pytest.mark.parametrize("kind", ["news", "gallery", "home"])
def test_pictures_are_responsive_sized_and_lazy_below_the_fold(page, outlet, paths, kind):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(outlet.base + paths["en"][kind])

    pictures = page.evaluate(
        """() => [...document.querySelectorAll('img')].map(img => ({
              src: img.currentSrc || img.src,
              width: img.getAttribute('width'), height: img.getAttribute('height'),
              lazy: img.loading === 'lazy',
              belowFold: img.getBoundingClientRect().top > window.innerHeight,
              hasSrcset: img.hasAttribute('srcset'),
              wide: img.getBoundingClientRect().width > 200,
           }))"""
    )

    assert pictures, "the demo page has pictures"
    for picture in pictures:
        assert picture["width"] and picture["height"], picture
        assert picture["src"].endswith((".webp", ".avif")), picture
        if picture["belowFold"]:
            assert picture["lazy"], picture
        if picture["wide"]:
            assert picture["hasSrcset"], picture
