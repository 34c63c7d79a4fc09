"""The story card, the unit of every list, rendered as compiled Python.

A home page shows thirty-odd cards; as a Django ``{% include %}`` each paid for a
new context, its own tag parsing and variable resolution, which was a third of
an uncached home page's CPU. The card's markup is a Jinja2 template
(``news/cards/story_card.html``) compiled once per process, given ready values:
the same escaping rules (autoescape on), the same bytes
(docs/decisions/0021-story-cards-as-compiled-templates.md).
"""

from functools import cache
from pathlib import Path

import jinja2
from django import template
from django.utils.safestring import mark_safe
from wagtail.images.shortcuts import get_rendition_or_not_found

from newsline.core import renditions
from newsline.i18n import clock

register = template.Library()

CARDS = Path(__file__).resolve().parents[1] / "cards"


@cache
def _card_template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(CARDS),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment.get_template("story_card.html")


@register.simple_tag(takes_context=True)
def story_card(context, story, *, large=False, show_lead=False, heading_level=3):
    """One story's card: picture, time, kind label, headline linking to it, and
    its lead where ``show_lead``; ``large`` for the top story."""
    wide = narrow = None
    if story.main_image:
        wide = get_rendition_or_not_found(story.main_image, renditions.CARD_WIDE)
        narrow = get_rendition_or_not_found(story.main_image, renditions.CARD_NARROW)
    moment = story.published_at
    html = _card_template().render(
        large=large,
        wide=wide,
        narrow=narrow,
        iso_time=clock.outlet_time(moment).isoformat(timespec="seconds") if moment else "",
        clock_time=f"{clock.clock_time(moment)} {clock.clock_date(moment)}" if moment else "",
        label=story.label,
        heading_level=heading_level or 3,
        url=story.get_url(request=context.get("request")),
        title=story.title,
        show_lead=show_lead,
        lead=story.lead,
    )
    return mark_safe(html)  # noqa: S308 - Jinja2 escaped every value
