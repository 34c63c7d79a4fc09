from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import WorkerHealthView, is_any_worker_alive
from .dashboard.panels import panels_for as dashboard_panels_for
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


@hooks.register("register_admin_urls")
def register_worker_health_url():
    return [path("worker-health/", WorkerHealthView.as_view(), name="worker_health")]


@hooks.register("register_settings_menu_item")
def register_worker_health_menu_item():
    return AdminOnlyMenuItem(
        _("Worker health"), reverse("worker_health"), icon_name="cogs", order=900
    )


class AdminOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


class WorkerDownPanel(Component):
    """On the admin's home page, for administrators, only while no worker beats."""

    name = "newsline_worker"
    order = 10
    template_name = "publishing/worker_panel.html"

    def get_context_data(self, parent_context):
        return {"url": reverse("worker_health")}


@hooks.register("construct_homepage_panels")
def add_worker_down_panel(request, panels):
    if request.user.is_superuser and not is_any_worker_alive():
        panels.insert(0, WorkerDownPanel())


@hooks.register("construct_homepage_panels")
def add_newsroom_panels(request, panels):
    """What was published, the schedule, translation gaps, failed purges,
    corrections and the wires' health, each to the roles it is for."""
    panels.extend(dashboard_panels_for(request.user))
