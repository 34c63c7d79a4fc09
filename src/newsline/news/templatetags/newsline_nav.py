from django import template

from newsline.i18n.locales import context_locale_id
from newsline.news.queries import section_nav

register = template.Library()


@register.simple_tag(takes_context=True)
def section_links(context):
    """The sections of the current language for the masthead navigation."""
    return section_nav(context_locale_id(context))
