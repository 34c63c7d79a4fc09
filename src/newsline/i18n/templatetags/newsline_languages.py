from django import template

from newsline.i18n.languages import language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def languages(context):
    """Language links for the current page: used by the switcher and hreflang."""
    request = context.get("request")
    if request is None:
        return []
    return language_links(request, context.get("page"))
