from django import template
from django.template.loader import get_template

from newsline.core import parts

from ..meta import page_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def machine_meta(context):
    """Canonical link, Open Graph and Twitter cards, JSON-LD and feed links for the
    page being rendered; a story's as filed with its article (``core/parts.py``)."""

    def render():
        values = {"meta": page_meta(context), "outlet_name": context.get("outlet_name", "")}
        return get_template("feeds/page_meta.html").render(values)

    return parts.markup(context, parts.META, render)
