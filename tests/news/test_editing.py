"""Editors work through the real Wagtail admin views."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsline.news.models import ArticlePage, NewsPage

from ..factories import PersonFactory, locale, make_story, section


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def news_form(**overrides):
    data = {
        "title": "Harbour reopens",
        "slug": "harbour-reopens",
        "lead": "The harbour is open again.",
        "body": streamfield([("paragraph", rich_text("<p>Ships are back.</p>"))]),
        "authors": inline_formset([]),
        "pinned_related": inline_formset([]),
        "topics": "harbour",
        "published_at": "",
        **overrides,
    }
    return nested_form_data(data)


def test_editor_creates_and_publishes_a_news_story(admin_client, client):
    parent = section("en")
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", parent.pk))
    response = admin_client.post(url, {**news_form(), "action-publish": "publish"})
    assert response.status_code == 302
    story = NewsPage.objects.get(slug="harbour-reopens")
    assert story.live and story.published_at is not None
    assert client.get(story.url).status_code == 200


def test_publishing_an_invalid_story_names_the_field_and_publishes_nothing(admin_client):
    parent = section("en")
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", parent.pk))
    response = admin_client.post(url, {**news_form(lead=""), "action-publish": "publish"})
    assert response.status_code == 200
    assert "lead" in response.context["form"].errors
    assert not NewsPage.objects.filter(slug="harbour-reopens", live=True).exists()
    # The editor's other input is still in the form to correct and resubmit.
    assert response.context["form"]["title"].value() == "Harbour reopens"


def test_an_incomplete_draft_is_kept_so_no_work_is_lost(admin_client):
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", section("en").pk))
    response = admin_client.post(url, news_form(lead=""))
    assert response.status_code == 302
    draft = NewsPage.objects.get(slug="harbour-reopens")
    assert not draft.live
    assert draft.get_latest_revision_as_object().title == "Harbour reopens"


def test_invalid_edit_keeps_the_published_story_and_its_revisions(admin_client):
    story = make_story(title="Original headline")
    revisions = story.revisions.count()
    url = reverse("wagtailadmin_pages:edit", args=(story.pk,))
    form = news_form(title="Edited headline", slug=story.slug, lead="", published_at="")
    response = admin_client.post(url, {**form, "action-publish": "publish"})
    assert response.status_code == 200
    assert "lead" in response.context["form"].errors
    story.refresh_from_db()
    assert story.title == "Original headline"
    assert story.revisions.count() == revisions


def test_future_publication_time_is_refused_with_a_message(admin_client):
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", section("en").pk))
    form = news_form(published_at="2999-01-01 10:00")
    response = admin_client.post(url, {**form, "action-publish": "publish"})
    assert response.status_code == 200
    assert "published_at" in response.context["form"].errors


def test_stories_can_only_be_added_inside_sections(admin_client):
    home = section("en").get_parent()
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", home.pk))
    admin_client.post(url, {**news_form(), "action-publish": "publish"})
    assert not NewsPage.objects.filter(slug="harbour-reopens").exists()
    assert not ArticlePage.is_creatable


def test_preview_renders_a_draft_story(admin_client):
    url = reverse("wagtailadmin_pages:preview_on_add", args=("news", "newspage", section("en").pk))
    assert admin_client.post(url, news_form()).json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"Harbour reopens" in response.content


def test_preview_of_an_edit_shows_the_edited_bylines_and_topics(admin_client):
    saved_author, added_author = (
        PersonFactory(name="Saved Writer"),
        PersonFactory(name="New Writer"),
    )
    story = make_story(title="Harbour reopens", authors=[saved_author], topics=["saved-topic"])
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(story.pk,))
    bylines = inline_formset([{"person": added_author.pk}])
    form = news_form(slug=story.slug, authors=bylines, topics="edited-topic")
    assert admin_client.post(url, form).json()["is_valid"]
    page = admin_client.get(url).content.decode()
    assert "New Writer" in page and "edited-topic" in page
    assert "saved-topic" not in page
    # The story readers see keeps what was published.
    published = admin_client.get(story.url).content.decode()
    assert "Saved Writer" in published and "New Writer" not in published


def test_editor_translates_a_story_and_readers_switch_to_it(admin_client, client):
    story = make_story(parent=section("az"), title="Azərbaycan başlığı")
    url = reverse("wagtail_localize:submit_page_translation", args=(story.pk,))
    response = admin_client.post(url, {"locales": [locale("ru").pk]})
    assert response.status_code == 302
    translation = ArticlePage.objects.get(
        translation_key=story.translation_key, locale=locale("ru")
    ).specific
    assert not translation.live  # a draft until the translator publishes it
    translation.title = "Русский заголовок"
    translation.save_revision().publish()
    translation.refresh_from_db()
    page = client.get(story.url).content.decode()
    assert f'href="{translation.url}" hreflang="ru"' in page


def test_a_new_story_whose_address_is_taken_gets_the_next_free_one(admin_client):
    parent = section("en")
    abandoned = make_story(title="Harbour reopens", publish=False)
    abandoned.slug = "harbour-reopens"
    abandoned.save()
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", parent.pk))
    response = admin_client.post(url, {**news_form(), "action-publish": "publish"})
    assert response.status_code == 302
    assert NewsPage.objects.get(slug="harbour-reopens-2").live
    assert not NewsPage.objects.get(slug="harbour-reopens").live


def test_editing_a_story_to_a_taken_address_is_still_an_error(admin_client):
    first = make_story(title="Taken")
    second = make_story(title="Other")
    url = reverse("wagtailadmin_pages:edit", args=(second.pk,))
    form = news_form(title="Other", slug=first.slug)
    response = admin_client.post(url, {**form, "action-publish": "publish"})
    assert response.status_code == 200
    second.refresh_from_db()
    assert second.slug != first.slug


def test_an_edit_over_the_size_limit_names_it_and_keeps_what_was_saved(admin_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    story = make_story(title="Saved headline")
    admin_client.raise_request_exception = False
    url = reverse("wagtailadmin_pages:edit", args=(story.pk,))
    huge = "<p>" + "word " * 300_000 + "</p>"
    body = streamfield([("paragraph", rich_text(huge))])
    form = news_form(title="Saved headline", slug=story.slug, body=body)
    response = admin_client.post(url, {**form, "action-publish": "publish"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 1 MB" in page and "Nothing was saved" in page
    story.refresh_from_db()
    assert story.title == "Saved headline" and story.live


def test_the_edit_form_class_is_built_once_and_each_form_is_its_editors(
    admin_client, client, django_user_model
):
    story = make_story(title="Harbour reopens")
    url = reverse("wagtailadmin_pages:edit", args=(story.pk,))
    first = admin_client.get(url).context["form"]
    other = django_user_model.objects.create_superuser("second", "second@example.com", "pw")
    client.force_login(other)
    second = client.get(url).context["form"]
    assert type(first) is type(second) is NewsPage.get_edit_handler().get_form_class()
    assert first.for_user.username == "editor" and second.for_user == other
    # Edits through the kept class still validate and save.
    response = admin_client.post(url, news_form(slug=story.slug, title="Harbour reopens again"))
    assert response.status_code == 302
    saved = NewsPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert saved.title == "Harbour reopens again"


def test_the_story_editor_is_guarded_as_wagtails_admin_views_are(client, django_user_model):
    """Mounted at Wagtail's addresses by us (news/topics_admin.py), the editor and
    the preview panel answer as the rest of the admin: a signed-out visitor is
    sent to sign in, a user without admin access is refused, nothing is cached."""
    story = make_story()
    addresses = [
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        reverse("wagtailadmin_pages:add", args=("news", "newspage", section("en").pk)),
        reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk]),
        reverse("wagtailadmin_pages:preview_on_add", args=("news", "newspage", section("en").pk)),
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        assert "no-store" in response["Cache-Control"]
    outsider = django_user_model.objects.create_user("outsider", "outsider@example.az", "pw")
    client.force_login(outsider)
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
