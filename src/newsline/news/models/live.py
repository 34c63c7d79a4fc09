from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField

from ..blocks import LiveUpdateBlock


class LiveUpdate(models.Model):
    """One timestamped update of live coverage.

    Its own row, not part of the page's revisions: editors post side by side and
    no one's update overwrites another's. A correction keeps the update and says
    when it was edited; a removal keeps a note in its place: nothing disappears
    from the coverage without a trace."""

    story = models.ForeignKey(
        "news.LivePage", on_delete=models.CASCADE, related_name="updates", verbose_name=_("story")
    )
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    body = StreamField(LiveUpdateBlock(), verbose_name=_("update"))
    author = models.ForeignKey(
        "news.Person",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Kept at the top of the coverage.")
    )
    is_key_event = models.BooleanField(
        _("key event"), default=False, help_text=_("Listed among the coverage's key events.")
    )
    edited_at = models.DateTimeField(_("corrected at"), null=True, blank=True, editable=False)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("live update")
        verbose_name_plural = _("live updates")
        ordering = ("-posted_at", "-pk")
        indexes = [models.Index(fields=["story", "-posted_at"], name="live_update_story_time")]

    def __str__(self):
        return self.headline or f"{self.story_id}/{self.pk}"

    @property
    def anchor(self) -> str:
        return f"update-{self.pk}"

    @property
    def version(self) -> str:
        """Changes whenever readers must see the update anew (corrected, removed)."""
        moment = self.removed_at or self.edited_at or self.posted_at
        return f"{self.pk}.{int(moment.timestamp() * 1000)}"
