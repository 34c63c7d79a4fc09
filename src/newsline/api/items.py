"""A story as an item of the API's listings, filed for the next listing.

A listing of twenty stories built each item anew on every request: the stories
loaded with their bylines, topics, sections and pictures, then serialized field
by field, about thirty milliseconds for a listing that no shared cache holds (a
partner's own filters, offsets and fields). A story's item is the same in every
listing that shows it with the same fields, and changes only when the story or
what it shows changes, which is what its surrogate keys say: so each item is
filed as feed and ninjs items are (``news.syndication.filed_items``, decision
0023), and a listing builds only the items a purge made wrong.

Items are filed as the answer writes them (JSON at the answer's indentation),
and the listing's JSON is written around them (``ItemsRenderer``), as feeds
are: writing twenty items anew was a quarter of a listing's cost.
"""

from dataclasses import dataclass

from rest_framework.compat import INDENT_SEPARATORS, LONG_SEPARATORS, SHORT_SEPARATORS
from rest_framework.renderers import JSONRenderer
from rest_framework.utils import json

from newsline.news import syndication

from . import queries

FILED_AS = "newsline:api-story:"
ROW = ("pk", "last_published_at", "last_corrected_at")
"""What of each listed story names its item (``syndication.filed_name``)."""


# Where the items go in the listing the renderer writes around them; the rest of
# a listing (its count) cannot hold this string.
_SLOT = "newsline:api-items"


@dataclass(frozen=True)
class Written:
    """A listing's items as the answer writes them, at ``indent``."""

    texts: list[str]
    indent: int | None


class ItemsRenderer(JSONRenderer):
    """DRF's JSON renderer; a listing whose items come ``Written`` has its JSON
    written around them, byte for byte as the renderer would write it all."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        written = data.get("items") if isinstance(data, dict) else None
        if not isinstance(written, Written):
            return super().render(data, accepted_media_type, renderer_context)
        if not written.texts:  # an empty list is written as DRF writes it
            return super().render({**data, "items": []}, accepted_media_type, renderer_context)
        shell = super().render({**data, "items": [_SLOT]}, accepted_media_type, renderer_context)
        # The listing view wrote its items at the indentation this answer asks.
        joined = self._separators(written.indent)[0]
        if written.indent:
            joined += "\n" + " " * 2 * written.indent
        slot = json.dumps(_SLOT).encode()
        return shell.replace(slot, joined.join(written.texts).encode(), 1)

    def write_item(self, value, indent: int | None) -> str:
        """``value`` as this renderer writes it as an item of a listing at ``indent``."""
        text = json.dumps(
            value,
            cls=self.encoder_class,
            indent=indent,
            ensure_ascii=self.ensure_ascii,
            allow_nan=not self.strict,
            separators=self._separators(indent),
        )
        if indent:  # an item's lines sit two levels in: {"items": [...]}
            text = text.replace("\n", "\n" + " " * 2 * indent)
        # As DRF does to the whole answer: JSON that is a strict subset of JavaScript.
        return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")

    def _separators(self, indent):
        if indent is not None:
            return INDENT_SEPARATORS
        return SHORT_SEPARATORS if self.compact else LONG_SEPARATORS


def story_items(
    rows, serializer_class, context: dict, *, base: str, renderer: ItemsRenderer, indent
) -> Written:
    """The items of the stories ``rows`` (``ROW`` of each, in the listing's
    order) as ``serializer_class`` shows them and ``renderer`` writes them at
    ``indent``: those filed for the same fields, indentation and outlet address
    as they are, the others built from one load of the published stories and
    filed. A story no longer published is left out."""
    shape = serializer_signature(serializer_class)
    names = {row[0]: syndication.filed_name(FILED_AS, row, base, shape, indent) for row in rows}
    serializer = serializer_class(context=context)

    def build(story):
        return renderer.write_item(serializer.to_representation(story), indent)

    texts = syndication.filed_items(names, build, load=queries.listed_stories)
    return Written(texts, indent)


def serializer_signature(serializer_class) -> tuple:
    """Which fields ``serializer_class`` shows, in order, with those of the
    serializers it nests: the listing's ``fields`` as Wagtail resolved them, so
    two spellings of one choice share their items."""
    nested = serializer_class.child_serializer_classes
    return (
        tuple(serializer_class.Meta.fields),
        tuple(sorted((name, serializer_signature(child)) for name, child in nested.items())),
    )
