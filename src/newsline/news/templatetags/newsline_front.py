from django import template

from newsline.core import parts

register = template.Library()

TEMPLATE = "news/home_front.html"


@register.simple_tag(takes_context=True)
def home_front(context):
    """The home's front (its curated stories, live coverage and the sections'
    blocks): as filed for the home, or rendered now (``news/filed.py``), filed no
    longer than what it shows stays true by the clock."""
    front = context.get("front")
    until = front.shown_until() if front is not None else None
    front_template = context.template.engine.get_template(TEMPLATE)
    return parts.markup(context, parts.FRONT, lambda: front_template.render(context), until=until)
