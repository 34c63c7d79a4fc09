from django import template
from django.conf import settings
from django.urls import reverse

from newsline.core import fragments

register = template.Library()


@register.inclusion_tag("ticker/news_line.html", takes_context=True)
def news_line(context):
    """The News line of the page's language: a slot the fragment is put into on
    the way out (``core/fragments.py``), so the page stays cached when the line
    changes; open pages refresh it."""
    return {
        "items_slot": fragments.slot(reverse("news_line_fragment")),
        "refresh_seconds": settings.NEWSLINE_NEWS_LINE_REFRESH_SECONDS,
        "request": context.get("request"),
    }
