from django import template
from django.conf import settings
from django.utils import translation

from newsline.i18n.locales import context_locale_id

from ..fragment import news_line_html

register = template.Library()


@register.inclusion_tag("ticker/news_line.html", takes_context=True)
def news_line(context):
    """Render the News line of the language the page is in; open pages refresh it."""
    request = context.get("request")
    html = news_line_html(context_locale_id(context), translation.get_language(), request)
    return {
        "items_html": html,
        "refresh_seconds": settings.NEWSLINE_NEWS_LINE_REFRESH_SECONDS,
        "request": request,
    }
