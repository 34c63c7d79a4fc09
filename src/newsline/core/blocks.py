"""StreamField blocks shared by every story kind."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3", "superscript"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=400)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image.html"
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    source = blocks.CharBlock(label=_("source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = _("Quote")


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an ordinary story: text, pictures, quotes and embeds."""

    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("Embed"), max_width=960)

    class Meta:
        template = "blocks/stream.html"


def bind_across(streams: list, type_names: tuple[str, ...]) -> None:
    """Convert the blocks of ``type_names`` in all ``streams`` with one
    ``bulk_to_python`` per block, where Wagtail does one per stream: a feed of
    fifty stories with pictures in their bodies read fifty rows of pictures one
    query at a time. What Wagtail would do on first access, done for many
    streams at once (``StreamValue._prefetch_blocks``)."""
    for type_name in type_names:
        pending = defaultdict(list)  # child block (by id) -> [(stream, index, raw)]
        blocks_by_id = {}
        for stream in streams:
            child_block = stream.stream_block.child_blocks.get(type_name)
            if child_block is None:
                continue
            blocks_by_id[id(child_block)] = child_block
            for index, raw in enumerate(stream._raw_data):
                if stream._bound_blocks[index] is None and raw["type"] == type_name:
                    pending[id(child_block)].append((stream, index, raw))
        for block_id, items in pending.items():
            child_block = blocks_by_id[block_id]
            values = child_block.bulk_to_python([raw["value"] for _, _, raw in items])
            for (stream, index, raw), value in zip(items, values, strict=True):
                stream._bound_blocks[index] = StreamValue.StreamChild(
                    child_block, value, id=raw.get("id")
                )
