from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PurgeFailure


class PurgeFailureViewSet(SnippetViewSet):
    """Failed CDN purges, for admins: what was not purged, where, and why."""

    model = PurgeFailure
    icon = "warning"
    menu_label = _("Failed CDN purges")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["created_at", "backend", "error", "attempts"]
    inspect_view_enabled = True


register_snippet(PurgeFailureViewSet)
