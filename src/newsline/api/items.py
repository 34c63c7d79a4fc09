"""A story as an item of the API's listings, filed for the next listing.

A listing of twenty stories built each item anew on every request: the stories
loaded with their bylines, topics, sections and pictures, then serialized field
by field, about thirty milliseconds for a listing that no shared cache holds (a
partner's own filters, offsets and fields). A story's item is the same in every
listing that shows it with the same fields, and changes only when the story or
what it shows changes, which is what its surrogate keys say: so each item is
filed as feed and ninjs items are (``news.syndication.filed_items``, decision
0023), and a listing builds only the items a purge made wrong.
"""

from newsline.news import syndication

from . import queries

FILED_AS = "newsline:api-story:"
ROW = ("pk", "last_published_at", "last_corrected_at")
"""What of each listed story names its item (``syndication.filed_name``)."""


def story_items(rows, serializer_class, context: dict, *, base: str) -> list:
    """The items of the stories ``rows`` (``ROW`` of each, in the listing's
    order) as ``serializer_class`` shows them: those filed for the same fields
    and outlet address as they are, the others built from one load of the
    published stories and filed. A story no longer published is left out."""
    shape = serializer_signature(serializer_class)
    names = {row[0]: syndication.filed_name(FILED_AS, row, base, shape) for row in rows}
    serializer = serializer_class(context=context)
    return syndication.filed_items(names, serializer.to_representation, load=queries.listed_stories)


def serializer_signature(serializer_class) -> tuple:
    """Which fields ``serializer_class`` shows, in order, with those of the
    serializers it nests: the listing's ``fields`` as Wagtail resolved them, so
    two spellings of one choice share their items."""
    nested = serializer_class.child_serializer_classes
    return (
        tuple(serializer_class.Meta.fields),
        tuple(sorted((name, serializer_signature(child)) for name, child in nested.items())),
    )
