from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Correction(models.Model):
    """A correction a chief editor published on a story, in the story's language.

    Its own row, not part of the page's revisions: it is published when added,
    whatever state the story's draft is in. Removing one keeps the row with who
    removed it, when and why: readers see that a correction was withdrawn."""

    story = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("story"),
    )
    corrected_at = models.DateTimeField(_("time of the correction"), default=timezone.now)
    text = models.TextField(_("correction"), max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removal_reason = models.TextField(_("why it was removed"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ("-corrected_at", "-pk")
        indexes = [
            models.Index(fields=["story", "-corrected_at"], name="correction_story_time"),
            models.Index(fields=["-corrected_at", "-id"], name="correction_time"),
        ]

    def __str__(self):
        return f"{self.story_id}: {self.text[:40]}"

    @property
    def anchor(self) -> str:
        return f"correction-{self.pk}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def changed_at(self):
        """When readers last had something new to read about this correction."""
        return self.removed_at or self.corrected_at
