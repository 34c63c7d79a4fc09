"""The story card, the unit of every list: a compiled template
(``templates/compiled/story_card.html``, ``core/compiled.py``) given ready values.
A home page shows thirty-odd of them."""

from django import template
from wagtail.images.shortcuts import get_rendition_or_not_found

from newsline.core import compiled, renditions
from newsline.i18n.templatetags.newsclock import iso_datetime, news_datetime

register = template.Library()


@register.simple_tag(takes_context=True)
def story_card(context, story, *, large=False, show_lead=False, heading_level=3):
    """One story's card: picture, time, kind label, headline linking to it, and
    its lead where ``show_lead``; ``large`` for the top story."""
    wide = narrow = None
    if story.main_image:
        wide = get_rendition_or_not_found(story.main_image, renditions.CARD_WIDE)
        narrow = get_rendition_or_not_found(story.main_image, renditions.CARD_NARROW)
    return compiled.render(
        "story_card.html",
        large=large,
        wide=wide,
        narrow=narrow,
        iso_time=iso_datetime(story.published_at),
        clock_time=news_datetime(story.published_at),
        label=story.label,
        heading_level=heading_level or 3,
        url=story.get_url(request=context.get("request")),
        title=story.title,
        show_lead=show_lead,
        lead=story.lead,
    )
