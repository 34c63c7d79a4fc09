"""`newsline init`: a real outlet from an empty database, made once."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from newsline.news.demo import build
from newsline.news.models import HomePage, SectionPage

REPO = Path(__file__).resolve().parents[2]
NAME = "Bakı Xəbərləri"
DOMAIN = "news.example.az"
SECTIONS = ["Politics", "Economy", "World", "Society", "Sport", "Interviews", "Opinion"]


@pytest.fixture
def empty_database():
    """The bare tree a fresh install has: the skeleton every test starts from is
    deleted (and its site record with it) inside this test's transaction."""
    HomePage.objects.all().delete()


def init(**options) -> str:
    out = StringIO()
    call_command("init", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def written() -> tuple:
    return Page.objects.count(), Site.objects.count(), Page.objects.filter(live=True).count()


def test_init_makes_the_site_a_home_per_language_and_every_section(empty_database):
    out = init(name=NAME, domain=DOMAIN)
    site = Site.objects.get(is_default_site=True)
    assert (site.site_name, site.hostname, site.port) == (NAME, DOMAIN, 443)
    homes = {home.locale.language_code: home for home in HomePage.objects.live()}
    assert list(homes) == ["az", "en", "ru"]
    assert site.root_page_id == homes["az"].pk
    assert len({home.translation_key for home in homes.values()}) == 1
    for code in homes:
        sections = SectionPage.objects.live().filter(locale__language_code=code)
        assert [s.title for s in sections.order_by("path")] == SECTIONS
        assert {s.slug for s in sections} == {title.lower() for title in SECTIONS}
    politics = SectionPage.objects.filter(slug="politics")
    assert politics.count() == 3 and len({s.translation_key for s in politics}) == 1
    assert "Created the outlet" in out
    for code in homes:
        assert f"https://{DOMAIN}/{code}/" in out
    assert "/ru/opinion/" in out
    *_, next_steps, create, serve = out.strip().splitlines()
    assert next_steps == "Next:"
    assert create.split()[:2] == ["newsline", "createsuperuser"]
    assert serve.split()[:2] == ["newsline", "serve"]


def test_every_home_and_section_answers_after_init(client, empty_database):
    init(name=NAME)
    for code in ("az", "en", "ru"):
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert "/economy/" in response.content.decode()  # the masthead's sections
    assert client.get("/ru/sport/").status_code == 200


def test_feed_and_sitemap_carry_the_domain_and_the_name(client, settings, empty_database):
    out = init(name=NAME, domain=DOMAIN)
    assert "NEWSLINE_OUTLET_NAME" not in out  # read from the site record, not the environment
    settings.NEWSLINE_OUTLET_NAME = "Not this name"
    feed = client.get("/en/feeds/rss/").content.decode()
    assert f"<title>{NAME}</title>" in feed
    assert f"<title>{NAME}</title>" in client.get("/en/").content.decode()
    assert f"<link>https://{DOMAIN}/en/</link>" in feed
    sitemap = client.get("/sitemaps/az/pages.xml").content.decode()
    assert f"<loc>https://{DOMAIN}/az/politics/</loc>" in sitemap
    assert f"https://{DOMAIN}/sitemaps/ru/pages.xml" in client.get("/sitemap.xml").content.decode()


def test_a_second_run_changes_nothing_and_says_so(empty_database):
    init(name=NAME, domain=DOMAIN)
    before = written(), Page.objects.values_list("latest_revision_id", flat=True).count()
    out = init(name=NAME, domain=DOMAIN)
    assert out.startswith("Nothing changed")
    assert (written(), Page.objects.values_list("latest_revision_id", flat=True).count()) == before


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({"name": "Another outlet"}, "it is named 'Bakı Xəbərləri', not 'Another outlet'"),
        ({"sections": "Politics,Sport"}, "its sections are Politics, Economy"),
        ({"languages": "en,az,ru"}, "its languages are az, en, ru"),
        ({"domain": "other.example.az"}, f"it is at https://{DOMAIN}"),
    ],
)
def test_init_refuses_another_outlet_and_writes_nothing(empty_database, options, reason):
    init(name=NAME, domain=DOMAIN)
    before = written()
    with pytest.raises(CommandError, match="another outlet") as refused:
        init(**{"name": NAME, **options})
    assert reason in str(refused.value)
    assert written() == before


def test_init_refuses_the_outlet_the_tests_start_from():
    before = written()
    with pytest.raises(CommandError, match="another outlet: it is named ''"):
        init(name=NAME)
    assert written() == before


def test_init_refuses_the_demo(empty_database):
    locales = build.ensure_locales(languages=list(build.LANGUAGES))
    build.build_sections(build.build_homes(locales))
    build.build_people(locales, [None])
    before = written()
    with pytest.raises(CommandError, match="holds the demo outlet"):
        init(name=NAME)
    assert written() == before


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({"name": "  "}, "the outlet's name is empty"),
        ({"languages": "az,de"}, "unknown language 'de'.*WAGTAIL_CONTENT_LANGUAGES"),
        ({"languages": "az,en,az"}, "the language 'az' is given twice"),
        ({"sections": "Sport,Politics,sport"}, "'Sport' and 'sport' are the same"),
        ({"sections": "Politics,,Sport"}, "a section name is empty"),
        ({"sections": "Politics,Archive"}, "'Archive' would be at /az/archive/"),
        ({"sections": "People"}, "'People' would be at /az/people/story/"),
        ({"domain": "https://news.example.az"}, "no scheme, no path"),
        ({"domain": "news.example.az/az/"}, "no scheme, no path"),
        ({"domain": "news example"}, "is not a host name"),
        ({"time_zone": "Asia/Bakuu"}, "unknown time zone 'Asia/Bakuu'"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(empty_database, options, reason):
    before = written()
    with pytest.raises(CommandError, match=reason):
        init(**{"name": NAME, **options})
    assert written() == before


def test_section_addresses_from_names_in_any_script(client, empty_database):
    names = "Siyasət,Şəhər həyatı,Ölkə,Güc,Çay,Общество,В мире"
    init(name=NAME, sections=names)
    slugs = ["siyaset", "seher-heyati", "olke", "guc", "cay", "obshchestvo", "v-mire"]
    for code in ("az", "en", "ru"):
        pages = SectionPage.objects.filter(locale__language_code=code).order_by("path")
        assert [(s.title, s.slug) for s in pages] == list(zip(names.split(","), slugs, strict=True))
    assert client.get("/en/v-mire/").status_code == 200


def test_the_first_language_given_is_the_source(empty_database):
    out = init(name=NAME, languages="en,az", time_zone="Europe/London")
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.locale.language_code == "en"
    assert set(HomePage.objects.values_list("locale__language_code", flat=True)) == {"en", "az"}
    assert "NEWSLINE_TIME_ZONE=Europe/London" in out


def _newsline(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """``newsline ARGS`` as a newcomer runs it: default settings, nothing set but
    the data directory."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "from newsline.cli import main; main()", *args],
        env={**keep, "NEWSLINE_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO / "src")},
        cwd=data_dir,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_fresh_install_starts_its_outlet_once(tmp_path):
    migrated = _newsline(tmp_path, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    first = _newsline(tmp_path, "init", "--name", NAME, "--sections", "Siyasət,İdman")
    assert first.returncode == 0, first.stderr
    assert "Created the outlet" in first.stdout and "/ru/idman/" in first.stdout
    again = _newsline(tmp_path, "init", "--name", NAME, "--sections", "İdman,Siyasət")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Nothing changed")
    other = _newsline(tmp_path, "init", "--name", "Another outlet")
    assert other.returncode != 0
    assert "another outlet" in other.stderr


def test_the_demo_refuses_a_real_outlet(empty_database, django_user_model):
    init(name=NAME)
    with pytest.raises(CommandError, match="real outlet"):
        call_command("demo", stdout=StringIO())
    assert not django_user_model.objects.exists()
