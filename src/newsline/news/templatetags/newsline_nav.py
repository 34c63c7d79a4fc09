from django import template
from wagtail.models import Locale

from newsline.news.queries import section_nav

register = template.Library()


@register.simple_tag(takes_context=True)
def section_links(context):
    """The sections of the current language for the masthead navigation."""
    page = context.get("page")
    locale = getattr(page, "locale_id", None) or Locale.get_active().pk
    return section_nav(locale)
