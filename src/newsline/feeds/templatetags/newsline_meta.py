from django import template

from ..meta import page_meta

register = template.Library()


@register.inclusion_tag("feeds/page_meta.html", takes_context=True)
def machine_meta(context):
    """Canonical link, Open Graph and Twitter cards, JSON-LD and feed links for the
    page being rendered."""
    request = context["request"]
    return {
        "meta": page_meta(context),
        "outlet_name": context.get("outlet_name", ""),
        "nonce": getattr(request, "csp_nonce", ""),
    }
