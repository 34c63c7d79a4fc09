from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable


class PinnedRelated(Orderable):
    """A story an editor chose to show first among a story's related stories; part
    of the story's revisions like any other field."""

    page = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="pinned_related")
    story = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("story")
    )

    panels = [PageChooserPanel("story", "news.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("pinned related story")
        verbose_name_plural = _("pinned related stories")


class RelatedStory(models.Model):
    """One computed entry of a story's related list, worked out in the worker when
    the story is published or edited (``news/related/``) and read on the page by
    the story's own key: no query over other stories at read time."""

    story = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")
    related = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    method = models.CharField(max_length=16)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("story", "rank")
        constraints = [
            models.UniqueConstraint(fields=["story", "rank"], name="related_story_rank"),
        ]
        indexes = [models.Index(fields=["related"], name="related_story_target")]

    def __str__(self):
        return f"{self.story_id} -> {self.related_id} ({self.method})"
