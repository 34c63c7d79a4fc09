"""Blocks that belong to particular story kinds."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from newsline.core.blocks import RICH_TEXT_FEATURES, CaptionedImageBlock, QuoteBlock

from .video import player_url


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")


class InterviewBodyBlock(blocks.StreamBlock):
    """An interview is an ordered list of question/answer pairs."""

    qa = QuestionAnswerBlock()

    class Meta:
        min_num = 1


class GalleryBlock(blocks.StreamBlock):
    photo = CaptionedImageBlock()

    class Meta:
        min_num = 1


class VideoBlock(blocks.URLBlock):
    """A YouTube or Vimeo video, played from the host's own player (no oEmbed call)."""

    def clean(self, value):
        value = super().clean(value)
        if value and player_url(value) is None:
            raise ValidationError(_("Use the address of a YouTube or Vimeo video."))
        return value

    def get_context(self, value, parent_context=None):
        return {**super().get_context(value, parent_context), "player_url": player_url(value)}

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"


class LinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("Address"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200)

    class Meta:
        icon = "link"
        label = _("Link")
        template = "blocks/link.html"


class LiveUpdateBlock(blocks.StreamBlock):
    """What one live update holds: text, a picture, a video, a quote, a link."""

    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    image = CaptionedImageBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    link = LinkBlock()

    class Meta:
        min_num = 1
        template = "blocks/stream.html"
