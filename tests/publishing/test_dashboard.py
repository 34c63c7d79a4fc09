"""The newsroom's panels on the admin's home page: the figures each shows, who
sees which, the charts as well-formed SVG, and a query count that does not grow
with the newsroom's output."""

import io
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsline.i18n.clock import day_bounds, today
from newsline.ingest.models import IngestRun, WireSource
from newsline.news.models import Correction
from newsline.news.roles import ROLES
from newsline.publishing.dashboard import charts
from newsline.publishing.models import PurgeFailure

from ..factories import locale, make_story, section

HOME = "/admin/"
PANELS = {
    "published": "newsline-published",
    "schedule": "newsline-schedule",
    "gaps": "newsline-translation-gaps",
    "purges": "newsline-purge-failures",
    "corrections": "newsline-corrections",
    "wires": "newsline-wire-health",
}
SVG = "{http://www.w3.org/2000/svg}"
SCOPE = {"section": ["--section", "politics", "--language", "en"], "language": ["--language", "en"]}


def _member(client, django_user_model, role):
    django_user_model.objects.create_user("member", "member@example.az", "pw")
    call_command("grant", "member", role, *SCOPE.get(ROLES[role].scope, []), stdout=io.StringIO())
    client.force_login(django_user_model.objects.get(username="member"))
    return client


@pytest.fixture
def chief(client, editor):
    client.force_login(editor)
    return client


def _home(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def _panel(html: str, key: str) -> str | None:
    found = re.search(rf'id="{PANELS[key]}-section".*?</section>', html, re.S)
    return found.group(0) if found else None


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _panel_text(client, key: str) -> str:
    panel = _panel(_home(client), key)
    assert panel is not None, f"no {key} panel"
    return _text(panel)


def _earlier_today():
    """A moment of the outlet's today that has passed, however early it is."""
    start, _ = day_bounds(today())
    return start + (timezone.now() - start) / 2


def _charts(html: str) -> dict[str, ET.Element]:
    """Our charts, each parsed as XML: a chart that is not well-formed fails here."""
    charts = {}
    for chunk in re.findall(r'<svg [^>]*id="newsline-.*?</svg>', html, re.S):
        svg = ET.fromstring(chunk)  # noqa: S314 - our own markup, from the test's server
        charts[svg.get("id")] = svg
    return charts


def _bar_titles(svg: ET.Element) -> set[str]:
    return {rect.find(f"{SVG}title").text for rect in svg.iter(f"{SVG}rect") if len(rect)}


def _schedule(title, *, parent=None, hours):
    story = make_story(title=title, parent=parent, publish=False)
    story.go_live_at = timezone.now() + timedelta(hours=hours)
    story.save_revision().publish()
    return story


def _translate(story, code, **fields):
    copy = story.copy_for_translation(locale(code))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


def _wire_source(name="Azertac", **fields):
    return WireSource.objects.create(
        name=name,
        format="rss",
        url="https://wire.example.az/rss",
        language="en",
        section=section("en"),
        **fields,
    )


def test_published_panel_counts_today_and_each_day_per_language_and_section(chief):
    at = _earlier_today()
    for parent in (section("en"), section("en"), section("az", "sport"), section("az")):
        make_story(parent=parent, published_at=at)
    make_story(published_at=timezone.now() - timedelta(days=3))
    make_story(published_at=timezone.now() - timedelta(days=20))
    make_story(published_at=at, publish=False)

    html = _home(chief)

    assert "Today: 4 stories" in _text(_panel(html, "published"))
    charts = _charts(html)
    by_day = _bar_titles(charts["newsline-published-days"])
    day = today().strftime("%d.%m")
    three_days_ago = (today() - timedelta(days=3)).strftime("%d.%m")
    assert f"English, {day}: 2" in by_day
    assert f"Azərbaycanca, {day}: 2" in by_day
    assert any(title.startswith(f"English, {three_days_ago}: ") for title in by_day)
    assert not any(title.startswith("Русский") for title in by_day)
    # A section is named in the admin's language, whichever language it published in.
    by_section = _bar_titles(charts["newsline-published-sections"])
    assert by_section == {
        "English, Politics: 2",
        "Azərbaycanca, Politics: 1",
        "Azərbaycanca, Sport: 1",
    }


def test_charts_are_well_formed_accessible_svg_with_their_figures(chief):
    make_story(published_at=_earlier_today())

    html = _home(chief)

    charts = _charts(html)
    assert set(charts) == {"newsline-published-days", "newsline-published-sections"}
    for chart_id, svg in charts.items():
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
        assert svg.find(f"{SVG}title").text
        assert "English 1" in svg.find(f"{SVG}desc").text
    panel = _panel(html, "published")
    # The figures are in a table for screen readers as well.
    assert re.search(r'<table class="w-sr-only">.*?<th scope="row">Politics</th>', panel, re.S)


def test_chart_escapes_what_it_is_given():
    hostile = "<script>alert(\"x\")</script> & 'more'"
    svg = ET.fromstring(  # noqa: S314 - the function's own output
        charts.bar_chart(
            chart_id="chart",
            title=hostile,
            description=hostile,
            categories=[hostile, "02.01"],
            series=[charts.Series(hostile, (3, 0))],
        )
    )

    assert svg.find(f"{SVG}title").text == hostile
    assert svg.find(f"{SVG}desc").text == hostile
    assert _bar_titles(svg) == {f"{hostile}, {hostile}: 3"}
    assert not list(svg.iter("script")) and not list(svg.iter(f"{SVG}script"))


def test_schedule_lists_what_goes_live_and_what_expires_in_the_next_24_hours(chief):
    soon = _schedule("Budget vote at noon", hours=2)
    _schedule("Results next week", hours=30)
    make_story(title="Polling stations open", expire_at=timezone.now() + timedelta(hours=3))
    make_story(title="Old notice", expire_at=timezone.now() + timedelta(hours=40))

    html = _panel(_home(chief), "schedule")

    text = _text(html)
    assert "Budget vote at noon English Politics" in text
    assert "Results next week" not in text
    assert "Polling stations open English Politics" in text
    assert "Old notice" not in text
    assert reverse("wagtailadmin_pages:edit", args=[soon.pk]) in html


def test_schedule_shows_a_desk_only_its_own_sections(client, django_user_model):
    _schedule("Politics at dawn", hours=3)
    _schedule("Sport at dawn", parent=section("en", "sport"), hours=3)
    _member(client, django_user_model, "desk-editor")

    text = _panel_text(client, "schedule")

    assert "Politics at dawn" in text
    assert "Sport at dawn" not in text


def test_translation_gaps_count_each_story_once_per_missing_language(chief):
    at = _earlier_today()
    english = make_story(title="Only in English", published_at=at)
    azerbaijani = make_story(title="Azərbaycanca və rusca", parent=section("az"), published_at=at)
    _translate(azerbaijani, "ru", published_at=at)
    make_story(title="Yesterday's story", published_at=at - timedelta(days=1))

    html = _panel(_home(chief), "gaps")

    text = _text(html)
    assert "Azərbaycanca 1 English 1 Русский 1" in text
    assert "Not in Русский yet" in text
    assert text.count("Only in English") == 2  # missing in az and ru
    assert text.count("Azərbaycanca və rusca") == 1  # missing in en only
    assert "Yesterday's story" not in text
    assert reverse("wagtailadmin_pages:edit", args=[english.pk]) in html


def test_failed_purges_show_politely_none_then_the_newest(chief):
    assert "None: every CDN purge has gone through." in _panel_text(chief, "purges")

    PurgeFailure.objects.create(
        backend="cloudflare",
        error="HTTP 502 from the CDN",
        urls=[f"https://newsline.az/en/story-{n}/" for n in range(5)],
        attempts=4,
    )

    text = _panel_text(chief, "purges")
    assert "1 purge failed" in text
    assert "https://newsline.az/en/story-0/" in text
    assert "and 2 more" in text
    assert "cloudflare: HTTP 502 from the CDN (4 attempts)" in text


def test_latest_corrections_mark_removed_ones(chief, editor):
    story = make_story(title="Minister resigns")
    Correction.objects.create(story=story, text="Her name was misspelt.", created_by=editor)
    Correction.objects.create(
        story=story, text="The date was wrong.", removed_at=timezone.now(), created_by=editor
    )

    text = _panel_text(chief, "corrections")

    assert "Minister resigns (English) Her name was misspelt." in text
    assert "Removed The date was wrong." in text


def test_wire_health_shows_only_once_a_wire_source_exists(chief):
    assert _panel(_home(chief), "wires") is None

    failing = _wire_source(failures=2)
    run = IngestRun.objects.create(
        source=failing, label="Azertac", created=3, updated=1, rejected=2, error="HTTP 503"
    )
    IngestRun.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(minutes=20))
    _wire_source("Trend")

    html = _panel(_home(chief), "wires")
    text = _text(html)
    assert "Azertac failing not polled for over 3 intervals" in text
    assert "3 1 2 HTTP 503" in text
    assert "Trend not polled for over 3 intervals never polled" in text
    assert reverse("wire_run", args=[run.pk]) in html
    assert reverse("wire_desk") in html


def test_a_source_polled_in_time_is_fine(chief):
    source = _wire_source(poll_interval=300)
    IngestRun.objects.create(source=source, label="Azertac", created=5)

    assert "Azertac fine" in _panel_text(chief, "wires")


SEEN = {
    "contributor": {"schedule", "gaps"},
    "translator": {"schedule", "gaps"},
    "desk-editor": {"published", "schedule", "gaps", "wires"},
    "chief-editor": set(PANELS),
    "administrator": set(PANELS),
}


@pytest.mark.parametrize("role", SEEN)
def test_each_role_sees_its_panels_only(client, django_user_model, role):
    _wire_source()
    _member(client, django_user_model, role)

    html = _home(client)

    assert {key for key in PANELS if _panel(html, key) is not None} == SEEN[role]


def _fill(first: int, last: int):
    at = _earlier_today()
    sections = [
        section(code, slug) for code in ("en", "az", "ru") for slug in ("politics", "sport")
    ]
    for n in range(first, last):
        story = make_story(parent=sections[n % len(sections)], published_at=at)
        Correction.objects.create(story=story, text=f"Correction {n}.")
        make_story(published_at=at - timedelta(days=n % 14))
        _schedule(f"Scheduled {n}", parent=sections[n % len(sections)], hours=1 + n % 20)
        make_story(
            parent=sections[n % len(sections)], expire_at=timezone.now() + timedelta(hours=5)
        )
        PurgeFailure.objects.create(backend="cdn", error="timeout", urls=["/"], attempts=3)
        source = _wire_source(f"Wire {n}")
        IngestRun.objects.create(source=source, label=source.name, error="HTTP 500" * (n % 2))


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        _home(client)
    return len(captured)


@pytest.mark.parametrize("role", ["administrator", "desk-editor"])
def test_the_admin_home_costs_the_same_for_few_and_many_stories(client, django_user_model, role):
    _fill(0, 1)
    _member(client, django_user_model, role)
    _home(client)
    few = _queries(client)

    _fill(1, 13)
    many = _queries(client)

    assert many == few, f"{few} queries with a few stories, {many} with many"
