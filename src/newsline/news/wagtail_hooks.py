from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Person


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
