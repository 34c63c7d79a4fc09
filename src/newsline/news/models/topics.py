"""Topics: what a story is about, typed, with a page per language.

Our own tag model rather than taggit's shared one, so a topic can say what it is
(a country, a place, a person, an organisation or a theme) and pictures' tags
stay apart from readers' topics. An editor still types them as tags; the topic
suggester (``news/topics/``) proposes them from the story's text."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase


class TopicKind(models.TextChoices):
    COUNTRY = "country", _("country")
    PLACE = "place", _("place")
    PERSON = "person", _("person")
    ORGANISATION = "organisation", _("organisation")
    THEME = "theme", _("theme")


# The topic index's headings, in the order readers meet them.
KIND_HEADINGS = {
    TopicKind.COUNTRY: _("Countries"),
    TopicKind.PLACE: _("Places"),
    TopicKind.PERSON: _("People"),
    TopicKind.ORGANISATION: _("Organisations"),
    TopicKind.THEME: _("Themes"),
}


class Topic(TagBase):
    kind = models.CharField(
        _("type"), max_length=16, choices=TopicKind.choices, default=TopicKind.THEME
    )
    aliases = models.CharField(
        _("other names"),
        max_length=255,
        blank=True,
        help_text=_("Other ways stories write it, separated by commas: UN, United Nations."),
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    @property
    def other_names(self) -> list[str]:
        return [name.strip() for name in self.aliases.split(",") if name.strip()]


class ArticleTopic(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_stories")
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_topics"
    )

    class Meta:
        indexes = [
            # A topic's page reads its stories' ids from the index alone, not one
            # table block per story (the topic list query 8 → 4.5 ms at a million
            # stories, docs/scale.md).
            models.Index(fields=["tag", "content_object"], name="topic_tag_story"),
        ]


class SuggestionState(models.TextChoices):
    OPEN = "open", _("suggested")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class TopicSuggestion(models.Model):
    """A topic the suggester found in a story and what the editor said of it.

    Kept per story so a rejected suggestion is not offered again, and so wire
    stories carry their suggestions to the editor who opens them."""

    story = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="topic_suggestions"
    )
    name = models.CharField(_("topic"), max_length=100)
    kind = models.CharField(_("type"), max_length=16, choices=TopicKind.choices)
    found_as = models.CharField(_("found as"), max_length=100, blank=True)
    state = models.CharField(
        max_length=10, choices=SuggestionState.choices, default=SuggestionState.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("topic suggestion")
        constraints = [
            models.UniqueConstraint(fields=["story", "name"], name="topic_suggestion_once")
        ]

    def __str__(self):
        return f"{self.name} ({self.state})"
