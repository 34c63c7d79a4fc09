"""What administrators see of the machinery: the workers' health."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.mixins import UserPassesTestMixin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import WorkerHealth

# Beats come every 5 s; a worker silent for longer than this is down or cut off.
SILENT_AFTER = timedelta(seconds=30)


@dataclass(frozen=True)
class WorkerState:
    row: WorkerHealth
    is_alive: bool


def worker_states() -> list[WorkerState]:
    """Every worker heard from in the last day, newest beat first."""
    silent_since = timezone.now() - SILENT_AFTER
    return [WorkerState(row, row.beat_at >= silent_since) for row in WorkerHealth.objects.all()]


def is_any_worker_alive() -> bool:
    return WorkerHealth.objects.filter(beat_at__gte=timezone.now() - SILENT_AFTER).exists()


class WorkerHealthView(UserPassesTestMixin, WagtailAdminTemplateMixin, TemplateView):
    """Administrators only: last beat, last error and error count of each worker."""

    page_title = _("Worker health")
    header_icon = "cogs"
    template_name = "publishing/worker_health.html"

    def test_func(self):
        return self.request.user.is_superuser

    def get_context_data(self, **kwargs):
        states = worker_states()
        return super().get_context_data(
            workers=states, is_any_alive=any(state.is_alive for state in states), **kwargs
        )
