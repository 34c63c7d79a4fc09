from django import template

from newsline.core import outlet

register = template.Library()


@register.filter
def absolute(path: str, request) -> str:
    """``{{ link.url|absolute:request }}``: the path on the outlet's address."""
    return outlet.absolute(request, path)
