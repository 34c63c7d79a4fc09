from django import template

from newsline.i18n.locales import context_locale_id
from newsline.ticker.queries import news_line as news_line_items

register = template.Library()


@register.inclusion_tag("ticker/news_line.html", takes_context=True)
def news_line(context):
    """Render the News line of the language the page is in."""
    return {"items": news_line_items(context_locale_id(context)), "request": context.get("request")}
