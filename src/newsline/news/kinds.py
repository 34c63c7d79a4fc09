"""What a story kind is, said once.

Each story model carries its ``StoryKind`` (``NewsPage.story_kind``); the
registry of kinds is ``news.models.story_models()``. Every app asks these for a
kind's code, label and machine names (the API's ``kind`` filter, ninjs genres,
JSON-LD types, feeds, templates, test factories), so a sixth kind is one model
with one ``StoryKind`` and shows everywhere, or a test fails.
"""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class StoryKind:
    code: str
    """Stable name in URLs, the API and CSS classes: ``news``, ``interview`` …"""
    label: Promise | None
    """Printed beside the headline (translated); None for plain news."""
    genre: str
    """The genre's name in machine formats (ninjs ``genres``, JSON-LD ``genre``)."""
    iptc_genre: str | None = None
    """Its code in IPTC's genre NewsCodes; None for forms (video, photo story)."""
    schema_type: str = "NewsArticle"
    """The schema.org type of its JSON-LD."""
    shows_author_photo: bool = False
    """Shared with the author's photo when it has no picture of its own (a column)."""


class FromStoryKind:
    """A class or instance attribute read from the story's kind: on a base
    ``ArticlePage`` row it answers for the page's specific class, without a query."""

    def __init__(self, attribute: str):
        self.attribute = attribute

    def __get__(self, instance, owner):
        model = owner
        if instance is not None and instance.specific_class is not None:
            model = instance.specific_class
        return getattr(model.story_kind, self.attribute)
