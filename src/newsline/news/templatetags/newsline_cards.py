"""The story card, the unit of every list (``news/cards.py``). A home page shows
thirty-odd of them."""

from django import template

from newsline.news import cards

register = template.Library()


@register.simple_tag(takes_context=True)
def story_card(context, story, *, large=False, show_lead=False, heading_level=3):
    """One story's card: picture, time, kind label, headline linking to it, and
    its lead where ``show_lead``; ``large`` for the top story."""
    look = cards.Look(large=large, show_lead=show_lead, heading_level=heading_level or 3)
    return cards.card(story, context.get("request"), look)
