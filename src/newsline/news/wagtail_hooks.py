from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.images.views import images as image_views
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import (
    breaking_admin,
    corrections_admin,
    live_admin,
    pictures,
    services,
    topics_admin,
    translation_admin,
)
from .models import ArticlePage, LivePage, Person, Topic

pictures.guard_live_pictures()


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "position", "organisation", "is_journalist"]
    list_filter = ["is_journalist", "locale"]
    # No ``search_fields``: naming fields makes Wagtail's SQLite full-text backend
    # ask for a column its index table does not have ("no such column: name");
    # ``Person.search_fields`` already index only the name.


register_snippet(PersonViewSet)


class TopicViewSet(SnippetViewSet):
    """Topics with their type (country, place, person, organisation, theme): the
    topic index groups by it and the suggester proposes by it."""

    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 211
    add_to_admin_menu = True
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]


register_snippet(TopicViewSet)


@hooks.register("register_admin_urls", order=-1)
def register_picture_refusals():
    """Wagtail's own edit and delete views of a picture, at Wagtail's addresses (these
    come first), saying why the live-story rule refuses (``news.pictures``)."""
    return [
        path(
            "images/<int:image_id>/",
            pictures.explaining_refusal(image_views.EditView.as_view(), "change"),
        ),
        path(
            "images/<int:image_id>/delete/",
            pictures.explaining_refusal(image_views.DeleteView.as_view(), "delete"),
        ),
    ]


@hooks.register("register_admin_urls")
def register_live_desk_urls():
    return [
        path("live/", live_admin.live_desk, name="live_desk"),
        path("live/<int:page_id>/", live_admin.live_story, name="live_story"),
        path("live/update/<int:update_id>/", live_admin.edit_update, name="live_update_edit"),
        path("live/update/<int:update_id>/remove/", live_admin.remove, name="live_update_remove"),
    ]


@hooks.register("register_admin_menu_item")
def register_live_desk_menu_item():
    return MenuItem(_("Live coverage"), reverse("live_desk"), icon_name="radio-full", order=205)


@hooks.register("register_page_header_buttons")
def live_updates_button(page, user, view_name=None, next_url=None):
    """From a live story's editor straight to posting updates."""
    if isinstance(page.specific_deferred, LivePage) and page.pk:
        yield Button(_("Post live updates"), reverse("live_story", args=[page.pk]), priority=5)


@hooks.register("register_admin_urls")
def register_topic_suggestion_urls():
    return [
        path("topics/suggest/", topics_admin.suggest_topics, name="topic_suggestions"),
        path("topics/suggest/<int:page_id>/", topics_admin.decide_topic, name="topic_decision"),
    ]


@hooks.register("register_admin_urls")
def register_corrections_urls():
    return [
        path("corrections/", corrections_admin.corrections_desk, name="corrections_desk"),
        path(
            "corrections/story/<int:page_id>/",
            corrections_admin.story_corrections,
            name="story_corrections",
        ),
        path(
            "corrections/<int:correction_id>/remove/",
            corrections_admin.remove,
            name="correction_remove",
        ),
    ]


class CorrectionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("news.add_correction")


@hooks.register("register_admin_menu_item")
def register_corrections_menu_item():
    return CorrectionsMenuItem(
        _("Corrections"), reverse("corrections_desk"), icon_name="edit", order=206
    )


@hooks.register("register_page_header_buttons")
def corrections_button(page, user, view_name=None, next_url=None):
    """From a published story's editor to its corrections, for those who make them."""
    story = page.specific_deferred
    if isinstance(story, ArticlePage) and page.live and services.may_correct(user, story):
        yield Button(_("Corrections"), reverse("story_corrections", args=[page.pk]), priority=6)


@hooks.register("register_admin_urls")
def register_breaking_desk_urls():
    return [
        path("breaking/", breaking_admin.breaking_desk, name="breaking_desk"),
        path("breaking/day/", breaking_admin.switch_day, name="breaking_day"),
        path("breaking/<int:page_id>/end/", breaking_admin.end, name="breaking_end"),
    ]


@hooks.register("register_admin_menu_item")
def register_breaking_desk_menu_item():
    return MenuItem(_("Breaking news"), reverse("breaking_desk"), icon_name="warning", order=204)


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    return [
        path(
            "translation-status/",
            translation_admin.translation_status_view,
            name="translation_status",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translation status"), reverse("translation_status"), icon_name="globe", order=207
    )
