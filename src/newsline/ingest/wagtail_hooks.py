from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import RunView, WireDeskView, clear_flag, may_see_wires
from .models import WireSource, WireStory


class WireSourceViewSet(SnippetViewSet):
    model = WireSource
    icon = "site"
    menu_label = _("Wire sources")
    menu_name = "wire-sources"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "format", "language", "section", "publish", "enabled"]
    list_filter = ["format", "language", "enabled"]


register_snippet(WireSourceViewSet)


@hooks.register("register_admin_urls")
def wire_desk_urls():
    return [
        path("wires/", WireDeskView.as_view(), name="wire_desk"),
        path("wires/runs/<int:pk>/", RunView.as_view(), name="wire_run"),
        path("wires/flags/<int:pk>/clear/", clear_flag, name="wire_flag_clear"),
    ]


class WireDeskMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_wires(request.user)


@hooks.register("register_admin_menu_item")
def wire_desk_menu_item():
    return WireDeskMenuItem(_("Wire desk"), reverse("wire_desk"), icon_name="site", order=300)


@hooks.register("before_edit_page")
def show_wire_flag(request, page):
    """The editor of a flagged wire story sees why, at the top of the editor."""
    if request.method != "GET":
        return
    wire = WireStory.objects.filter(story_id=page.pk).exclude(flag="").first()
    if wire is not None:
        messages.warning(request, wire.flag)
