"""Blocks that belong to particular story kinds."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from newsline.core.blocks import RICH_TEXT_FEATURES, CaptionedImageBlock


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
