from django.db import models
from django.utils import timezone


class StoryVector(models.Model):
    """What related stories are worked out from, kept per story when it is
    published (``news/related/``): its weighted words and, where the ``meaning``
    extra is installed, its embedding. A story's list is computed from the stored
    vectors of its language's newest stories, never from their text."""

    story = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    terms = models.JSONField(default=dict)
    """Stem -> weighted count (headline and lead count more), the most weighty only."""
    length = models.PositiveIntegerField(default=0)
    """The weighted number of words, BM25's document length."""
    topics = models.JSONField(default=list)
    """The story's topic ids when the vector was made."""
    embedding = models.BinaryField(null=True, blank=True)
    """Unit-length float32 values from ``embedding_model``; empty without the extra."""
    embedding_model = models.CharField(max_length=64, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"vector of {self.story_id}"
