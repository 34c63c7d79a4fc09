from django import template
from django.utils import translation

from newsline.core import surrogate
from newsline.i18n.locales import context_locale_id
from newsline.news.queries import section_nav

register = template.Library()


@register.simple_tag(takes_context=True)
def section_links(context):
    """The sections of the current language for the masthead navigation."""
    surrogate.tag(context.get("request"), surrogate.site(translation.get_language()))
    return section_nav(context_locale_id(context))
