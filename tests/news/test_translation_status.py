"""The translation status in the admin: every story by language, each cell
missing, draft, stale or current, with filters, counts and links."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail_localize.models import Translation, TranslationSource

from newsline.i18n import clock
from newsline.news import translation_status
from newsline.news.demo import build
from newsline.news.models import ArticlePage

from ..factories import locale, make_story, section
from .test_editing import news_form

URL = "/admin/translation-status/"


def _translate(story, code, *, publish=True, title=None):
    copy = story.copy_for_translation(locale(code))
    copy.title = title or f"{story.title} ({code})"
    copy.save()
    if publish:
        copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def _status(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def _row(response, title):
    return next(row for row in response.context["rows"] if row.title == title)


def _cells(response, title) -> dict[str, str]:
    return {cell.language_code: cell.status for cell in _row(response, title).cells}


def _titles(response) -> list[str]:
    return [row.title for row in response.context["rows"]]


def _edit(client, page, **fields):
    """Publish a new version of ``page`` through the admin's editor."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = news_form(title=page.title, slug=page.slug, **fields)
    response = client.post(url, {**form, "action-publish": "publish"})
    assert response.status_code == 302, response.context["form"].errors


def _member(client, django_user_model, role, *scope):
    django_user_model.objects.create_user("member", "member@example.az", "pw")
    if role:
        call_command("grant", "member", role, *scope, stdout=io.StringIO())
    client.force_login(django_user_model.objects.get(username="member"))
    return client


def test_the_menu_leads_to_the_translation_status(admin_client):
    home = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Translation status" in home and URL in home
    assert reverse("translation_status") == URL


def test_each_language_shows_missing_draft_or_current(admin_client):
    story = make_story(title="Ferry sinks")
    _translate(story, "ru")
    _translate(story, "az", publish=False)
    response = _status(admin_client)
    assert _cells(response, "Ferry sinks") == {"az": "draft", "en": "current", "ru": "current"}
    assert _row(response, "Ferry sinks").language == locale("en").get_display_name()
    unpublished_story = make_story(title="Still a draft", publish=False)
    assert unpublished_story.live is False
    response = _status(admin_client)
    assert _cells(response, "Still a draft") == {"az": "missing", "en": "draft", "ru": "missing"}
    # Drafts come first, then the newest published.
    assert _titles(response)[:2] == ["Still a draft", "Ferry sinks"]


def test_editing_the_source_makes_translations_stale_until_they_are_edited(admin_client):
    story = make_story(title="Ferry sinks")
    russian = _translate(story, "ru", title="Паром затонул")
    _translate(story, "az", title="Bərə batdı")
    assert _cells(_status(admin_client), "Ferry sinks")["ru"] == "current"
    _edit(admin_client, story, lead="Rescuers found everyone.")
    response = _status(admin_client)
    assert _cells(response, "Ferry sinks") == {"az": "stale", "en": "current", "ru": "stale"}
    _edit(admin_client, russian, lead="Спасатели нашли всех.")
    response = _status(admin_client)
    assert _cells(response, "Ferry sinks") == {"az": "stale", "en": "current", "ru": "current"}


def test_a_wagtail_localize_sync_counts_as_catching_up(admin_client):
    story = make_story(title="Ferry sinks")
    russian = _translate(story, "ru")
    source, _ = TranslationSource.get_or_create_from_instance(story)
    Translation.objects.create(source=source, target_locale=russian.locale, enabled=True)
    _edit(admin_client, story, lead="Rescuers found everyone.")
    assert _cells(_status(admin_client), "Ferry sinks")["ru"] == "stale"
    source.update_from_db()  # what "Sync translated pages" does first
    assert _cells(_status(admin_client), "Ferry sinks")["ru"] == "current"


def test_the_language_submitted_to_wagtail_localize_is_the_source(admin_client):
    english = make_story(title="Ferry sinks")
    azerbaijani = _translate(english, "az", title="Bərə batdı")
    # Published first in English, but sent for translation from Azerbaijani.
    TranslationSource.get_or_create_from_instance(azerbaijani)
    response = _status(admin_client)
    assert "Ferry sinks" not in _titles(response)
    assert _row(response, "Bərə batdı").language == locale("az").get_display_name()


def test_missing_cells_link_to_translate_and_the_others_to_the_editor(admin_client):
    story = make_story(title="Ferry sinks")
    russian = _translate(story, "ru")
    response = _status(admin_client)
    links = {cell.language_code: cell.url for cell in _row(response, "Ferry sinks").cells}
    translate = reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    assert links["az"].startswith(f"{translate}?select_locale=az")
    assert links["en"] == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert links["ru"] == reverse("wagtailadmin_pages:edit", args=[russian.pk])
    assert admin_client.get(links["az"]).status_code == 200  # one click to translate
    assert f'href="{links["ru"]}"' in response.content.decode()


def test_counts_per_language_and_status(admin_client):
    first = make_story(title="First")
    _translate(first, "ru")
    second = make_story(title="Second")
    _translate(second, "az", publish=False)
    make_story(title="Third", parent=section("ru"))
    response = _status(admin_client)
    counts = {
        (lang.language_code, status.value): count
        for lang, cells in response.context["counts"]
        for status, count in cells
    }
    assert response.context["total"] == 3
    assert counts[("en", "current")] == 2 and counts[("en", "missing")] == 1
    assert counts[("ru", "current")] == 2 and counts[("ru", "missing")] == 1
    assert counts[("az", "draft")] == 1 and counts[("az", "missing")] == 2
    assert counts[("az", "stale")] == 0
    content = response.content.decode()
    assert 'data-language="az" data-status="missing">2<' in content


def test_filters_by_section_day_status_and_language(admin_client):
    # Days ago, not one day: the others are an hour old, which just after the
    # outlet's midnight is yesterday too.
    yesterday = timezone.now() - timedelta(days=3)
    politics = make_story(title="Vote", published_at=yesterday)
    _translate(politics, "ru", publish=False)
    sport = make_story(title="Match", parent=section("en", "sport"))
    _translate(sport, "az")
    make_story(title="Seçki", parent=section("az"))
    assert set(_titles(_status(admin_client))) == {"Vote", "Match", "Seçki"}
    # A section in any of its languages: the English id also finds the Azerbaijani story.
    by_section = _status(admin_client, section=section("en").pk)
    assert set(_titles(by_section)) == {"Vote", "Seçki"}
    assert by_section.context["total"] == 2
    by_az_section = _status(admin_client, section=section("az", "sport").pk)
    assert _titles(by_az_section) == ["Match"]
    day = clock.outlet_day(yesterday).isoformat()
    assert _titles(_status(admin_client, day=day)) == ["Vote"]
    assert _titles(_status(admin_client, status="draft")) == ["Vote"]
    assert set(_titles(_status(admin_client, status="missing"))) == {"Vote", "Match", "Seçki"}
    assert _titles(_status(admin_client, status="missing", language="az")) == ["Vote"]
    only_russian = _status(admin_client, language="ru")
    assert [c.language_code for c in _row(only_russian, "Vote").cells] == ["ru"]
    assert [lang.language_code for lang, _ in only_russian.context["counts"]] == ["ru"]
    in_azerbaijani = _status(admin_client, status="current", language="az")
    assert set(_titles(in_azerbaijani)) == {"Match", "Seçki"}


@pytest.mark.parametrize(
    "params",
    [
        {"status": "lost"},
        {"day": "2026-13-45"},
        {"section": "x"},
        {"section": "999999"},
        {"language": "xx"},
        {"after": "not-a-cursor"},
        {"after": "draft-x"},
    ],
)
def test_bad_filters_are_left_out_with_a_message(admin_client, params):
    make_story(title="Ferry sinks")
    response = admin_client.get(URL, params)
    assert response.status_code == 200
    assert _titles(response) == ["Ferry sinks"]
    content = response.content.decode()
    assert "were left out" in content or "no longer exists" in content


def test_pages_of_fifty_go_from_newest_to_oldest(admin_client, monkeypatch):
    monkeypatch.setattr(translation_status, "PAGE_SIZE", 2)
    draft = make_story(title="Draft", publish=False)
    ArticlePage.objects.filter(pk=draft.pk).update(published_at=None)  # no time yet
    for number in range(4):
        make_story(title=f"Story {number}")
    seen, url = [], URL + "?status=missing"
    while url:
        response = admin_client.get(url)
        seen += _titles(response)
        url = response.context["next_url"]
    assert seen == ["Draft", "Story 3", "Story 2", "Story 1", "Story 0"]
    assert translation_status.PAGE_SIZE == 2


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        _status(client)
    return len(queries)


def _stories(count):
    for number in range(count):
        story = make_story(title=f"Load {number}")
        if number % 2:
            _translate(story, "ru")
        if number % 3 == 0:
            _translate(story, "az", publish=False)


@pytest.mark.parametrize("role", [None, "translator"])
def test_queries_do_not_grow_with_the_number_of_stories(
    client, admin_client, django_user_model, role
):
    viewer = _member(client, django_user_model, role, "--language", "en") if role else admin_client
    _stories(5)
    _status(viewer)  # warm: what a process reads once (its site, locales) is not per view
    few = _queries(viewer)
    _stories(25)
    assert len(_status(viewer).context["rows"]) == 30
    assert _queries(viewer) == few
    # PostgreSQL adds three: JIT turned off for the reads, in a savepoint of its own.
    assert few <= 16 + (3 if connection.vendor == "postgresql" else 0)


def test_without_admin_access_the_user_is_sent_to_sign_in(client, django_user_model):
    make_story(title="Ferry sinks")
    assert client.get(URL).status_code == 302
    _member(client, django_user_model, None)
    response = client.get(URL)
    assert response.status_code == 302 and "Ferry sinks" not in response.content.decode()


def test_a_desk_editor_sees_their_sections_stories_in_every_language(client, django_user_model):
    politics = make_story(title="Vote")
    _translate(politics, "az")
    make_story(title="Seçki", parent=section("az"))
    make_story(title="Match", parent=section("en", "sport"))
    _member(client, django_user_model, "desk-editor", "--section", "politics", "--language", "en")
    response = _status(client)
    assert set(_titles(response)) == {"Vote", "Seçki"}
    links = {cell.language_code: cell.url for cell in _row(response, "Vote").cells}
    # Their own desk's page opens in the editor; another language's does not, and
    # translating needs wagtail_localize's permission, which desk editors lack.
    assert links["en"] == reverse("wagtailadmin_pages:edit", args=[politics.pk])
    assert links["az"] is None
    assert links["ru"] is None


def test_a_translator_may_translate_from_the_list(client, django_user_model):
    story = make_story(title="Match", parent=section("az", "sport"))
    _member(client, django_user_model, "translator", "--language", "en")
    response = _status(client)
    links = {cell.language_code: cell.url for cell in _row(response, "Match").cells}
    assert links["en"].startswith(
        reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    )
    assert links["az"] is None  # not their language


def test_the_demo_registers_its_translations_for_the_localize_report(admin_client):
    """The demo writes its translations itself; ``register_translations`` tells
    wagtail_localize about them without touching the pages."""
    story = make_story(title="Ferry sinks", parent=section("az"))
    english = _translate(story, "en", title="Ferry sinks (en)")
    russian = _translate(story, "ru", title="Паром затонул")
    before = {page.pk: (page.title, page.latest_revision_id) for page in (english, russian)}
    build.register_translations(story, [english.locale, russian.locale])
    build.register_translations(story, [english.locale, russian.locale])  # once only
    report = admin_client.get(reverse("wagtail_localize:translations_report_results"))
    content = report.content.decode()
    assert "No translations found" not in content
    assert "Ferry sinks (en)" in content and "Паром затонул" in content
    assert Translation.objects.filter(source__object_id=story.translation_key).count() == 2
    for page in (english, russian):
        page.refresh_from_db()
        assert (page.title, page.latest_revision_id) == before[page.pk]
    # Hand-written translations keep Wagtail's own editor (localize's would offer
    # to overwrite them with the source's strings).
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert editor.status_code == 200 and "Ferry sinks (en)" in editor.content.decode()
    assert "wagtail_localize/admin/edit_translation.html" not in [
        template.name for template in editor.templates
    ]
    assert _cells(_status(admin_client), "Ferry sinks") == {
        "az": "current",
        "en": "current",
        "ru": "current",
    }
