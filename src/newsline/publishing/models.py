"""What publishing remembers: where each live story was last published, and
CDN purges that failed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedFootprint(models.Model):
    """The places a live story appeared in at its last publication, so the next
    change can clear the old places as well as the new ones."""

    page_id = models.BigIntegerField(primary_key=True)
    data = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"footprint of page {self.page_id}"


class PurgeFailure(models.Model):
    """A CDN purge that still failed after its retries; shown to admins."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    backend = models.CharField(_("CDN"), max_length=100)
    error = models.TextField(_("error"))
    urls = models.JSONField(_("addresses"))
    attempts = models.PositiveSmallIntegerField(_("attempts"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("failed CDN purge")
        verbose_name_plural = _("failed CDN purges")

    def __str__(self):
        return f"{self.backend}: {self.error[:80]}"


class WorkerHealth(models.Model):
    """One ``newsline worker`` process's last sign of life and last error, written
    every few seconds while it can reach the database; shown to admins."""

    worker_id = models.CharField(_("worker"), max_length=120, primary_key=True)
    host = models.CharField(_("host"), max_length=100)
    pid = models.PositiveIntegerField(_("process"))
    started_at = models.DateTimeField(_("started"))
    beat_at = models.DateTimeField(_("last beat"))
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    errors = models.PositiveIntegerField(_("errors since start"), default=0)

    class Meta:
        ordering = ["-beat_at"]
        verbose_name = _("worker health")
        verbose_name_plural = _("worker health")

    def __str__(self):
        return self.worker_id
