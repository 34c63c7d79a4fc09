"""Topics are free tags an editor types on a story; each has a page per language."""

from django.db import models
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase


class ArticleTopic(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_topics"
    )
