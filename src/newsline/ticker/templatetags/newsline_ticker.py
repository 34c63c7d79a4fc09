from django import template
from wagtail.models import Locale

from newsline.ticker.queries import news_line as news_line_items

register = template.Library()


@register.inclusion_tag("ticker/news_line.html", takes_context=True)
def news_line(context):
    """Render the News line of the language the page is in."""
    page = context.get("page")
    locale = getattr(page, "locale_id", None) or Locale.get_active().pk
    return {"items": news_line_items(locale), "request": context.get("request")}
