from django import template

from newsline.core import parts
from newsline.i18n.languages import language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def languages(context):
    """Language links for the current page: used by the switcher and hreflang; as
    filed with the page where it files them (``core/parts.py``)."""
    request = context.get("request")
    if request is None:
        return []
    return parts.value(
        context, parts.LANGUAGES, lambda: language_links(request, context.get("page"))
    )
