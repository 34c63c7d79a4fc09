from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BreakingDay(models.Model):
    """The newsroom's "breaking day" switch, one row for the whole site.

    While it is on, shared caches keep pages longer and serve them stale for
    longer, and open pages refresh the News line and the banner faster
    (``news.queries.is_breaking_day``, read by ``publishing`` and ``ticker``)."""

    is_on = models.BooleanField(_("breaking day"), default=False)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("breaking day")
        verbose_name_plural = _("breaking day")

    def __str__(self):
        return str(_("Breaking day: on") if self.is_on else _("Breaking day: off"))
