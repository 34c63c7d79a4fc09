from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.images.views import images as image_views
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import pictures
from .models import Person

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
