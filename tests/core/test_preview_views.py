"""The preview panel builds the editor's page once per change (core/preview_views.py):
the ``GET`` after a ``POST`` shows exactly what Wagtail's own would, without
building the form again, and falls back to Wagtail's way whenever what the page
was built from changed."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.admin.models import FormState
from wagtail.admin.views.pages.preview import PreviewOnEdit

from newsline.core import preview_views

from ..factories import make_story, section
from ..news.test_editing import news_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def forms_built(monkeypatch):
    """How many times a preview view (Wagtail's, or ours over it) built the
    editor's form."""
    built = []
    original = PreviewOnEdit.get_form

    def counting(self, query_dict):
        built.append(self.request.method)
        return original(self, query_dict)

    monkeypatch.setattr(PreviewOnEdit, "get_form", counting)
    return built


def _address(story):
    return reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk])


def _change(client, story, title):
    response = client.post(_address(story), news_form(title=title, slug=story.slug))
    return response.json()


def test_the_get_after_a_change_renders_the_page_the_post_built(editor_client, forms_built):
    story = make_story(title="Harbour reopens")
    assert _change(editor_client, story, "Harbour reopens at dawn")["is_valid"]
    forms_built.clear()
    shown = editor_client.get(_address(story))
    assert shown.status_code == 200
    assert b"Harbour reopens at dawn" in shown.content
    assert forms_built == []  # Wagtail's own built and checked the form again here
    assert "private" in shown["Cache-Control"]


def test_each_change_shows_its_own_text(editor_client):
    story = make_story(title="Harbour reopens")
    for title in ("First wording", "Second wording"):
        _change(editor_client, story, title)
        assert title.encode() in editor_client.get(_address(story)).content


def test_an_invalid_change_keeps_showing_the_last_valid_one(editor_client):
    story = make_story(title="Harbour reopens")
    _change(editor_client, story, "Valid wording")
    answer = _change(editor_client, story, "x" * 300)  # longer than a title may be
    assert answer == {"is_valid": False, "is_available": True}
    assert b"Valid wording" in editor_client.get(_address(story)).content


def test_form_data_changed_elsewhere_is_built_as_wagtail_does(editor_client, forms_built):
    story = make_story(title="Harbour reopens")
    _change(editor_client, story, "Kept wording")
    state = FormState.objects.get()
    state.data = state.data.replace("Kept+wording", "Other+wording")
    state.save()
    forms_built.clear()
    shown = editor_client.get(_address(story)).content
    assert b"Other wording" in shown and b"Kept wording" not in shown
    assert forms_built == ["GET"]


def test_a_revision_saved_meanwhile_is_built_as_wagtail_does(editor_client, forms_built):
    story = make_story(title="Harbour reopens")
    _change(editor_client, story, "Panel wording")
    story.save_revision()  # a colleague saved the story meanwhile
    forms_built.clear()
    assert b"Panel wording" in editor_client.get(_address(story)).content
    assert forms_built == ["GET"]


def test_two_editors_previewing_one_story_each_keep_their_own_page(
    editor_client, django_user_model, forms_built
):
    story = make_story(title="Harbour reopens")
    other_client = Client()
    other_client.force_login(
        django_user_model.objects.create_superuser("other", "other@example.az", "pw")
    )
    _change(editor_client, story, "Wording of the first editor")
    _change(other_client, story, "Wording of the second editor")
    forms_built.clear()
    first = editor_client.get(_address(story)).content
    second = other_client.get(_address(story)).content
    mine, theirs = b"Wording of the first editor", b"Wording of the second editor"
    assert mine in first and theirs not in first
    assert theirs in second and mine not in second
    assert forms_built == []  # neither's kept page was the other's


def test_a_page_that_cannot_be_kept_is_built_again(editor_client, forms_built, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise TypeError("cannot pickle")

    monkeypatch.setattr(preview_views, "_pickled", refuse)
    story = make_story(title="Harbour reopens")
    assert _change(editor_client, story, "Unkept wording")["is_valid"]
    forms_built.clear()
    assert b"Unkept wording" in editor_client.get(_address(story)).content
    assert forms_built == ["GET"]
    assert "could not be kept" in caplog.text


def test_a_kept_page_that_cannot_be_read_back_is_built_again(
    editor_client, editor, forms_built, caplog
):
    """What an earlier release kept may not unpickle under the code now running."""
    story = make_story(title="Harbour reopens")
    _change(editor_client, story, "Wording kept before a release")
    key = preview_views.kept_key(editor.pk, _address(story))
    cache.set(key, {**cache.get(key), "page": b"not a pickle"})
    forms_built.clear()
    shown = editor_client.get(_address(story))
    assert shown.status_code == 200 and b"Wording kept before a release" in shown.content
    assert forms_built == ["GET"]
    assert "unreadable" in caplog.text


def test_closing_the_panel_forgets_the_kept_page(editor_client, forms_built):
    story = make_story(title="Harbour reopens")
    _change(editor_client, story, "Closed wording")
    assert editor_client.delete(_address(story)).json() == {"success": True}
    forms_built.clear()
    editor_client.get(_address(story))
    assert forms_built == ["GET"]


def test_a_new_storys_preview_shows_its_text(editor_client, forms_built):
    address = reverse(
        "wagtailadmin_pages:preview_on_add", args=("news", "newspage", section("en").pk)
    )
    assert editor_client.post(address, news_form(title="Not yet saved")).json()["is_valid"]
    forms_built.clear()
    assert b"Not yet saved" in editor_client.get(address).content
    assert forms_built == []


def test_the_panel_asks_a_signed_out_visitor_to_sign_in(client):
    story = make_story()
    for method in (client.get, client.post):
        response = method(_address(story))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
