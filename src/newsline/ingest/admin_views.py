"""The wire desk: what ingest asks of editors, and what each run did."""

from django.contrib.auth.mixins import UserPassesTestMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import IngestRun, WireStory

LATEST_RUNS = 50
PERMISSION = "ingest.view_ingestrun"


def may_see_wires(user) -> bool:
    return user.is_superuser or user.has_perm(PERMISSION)


class WireDeskView(UserPassesTestMixin, WagtailAdminTemplateMixin, TemplateView):
    """Stories ingest flagged (a new version of a story an editor took over, a
    withdrawal, a near-duplicate) and the latest runs with their counts."""

    page_title = _("Wire desk")
    header_icon = "site"
    template_name = "ingest/wire_desk.html"

    def test_func(self):
        return may_see_wires(self.request.user)

    def get_context_data(self, **kwargs):
        flagged = (
            WireStory.objects.exclude(flag="")
            .filter(story__isnull=False)
            .select_related("story", "duplicate_of")
            .order_by("-changed_at")
        )
        runs = IngestRun.objects.select_related("source")[:LATEST_RUNS]
        return super().get_context_data(flagged=flagged, runs=runs, **kwargs)


class RunView(UserPassesTestMixin, WagtailAdminTemplateMixin, TemplateView):
    """One run: its counts, its error, every rejected item with its reason."""

    page_title = _("Wire run")
    header_icon = "site"
    template_name = "ingest/run.html"

    def test_func(self):
        return may_see_wires(self.request.user)

    def get_context_data(self, **kwargs):
        run = get_object_or_404(IngestRun, pk=self.kwargs["pk"])
        return super().get_context_data(run=run, rejections=run.rejections.all(), **kwargs)


def clear_flag(request, pk):
    """An editor has dealt with what ingest flagged (POST)."""
    if request.method != "POST" or not may_see_wires(request.user):
        return redirect("wire_desk")
    wire = get_object_or_404(WireStory, pk=pk)
    wire.flag = ""
    wire.save(update_fields=["flag", "changed_at"])
    messages.success(request, _("Marked as dealt with."))
    return redirect(request.POST.get("next") or "wire_desk")
