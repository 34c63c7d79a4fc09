from django import template

from newsline.search.queries import highlight

register = template.Library()


@register.filter
def highlighted(text, query):
    """Mark the reader's search words in ``text``; escapes everything else."""
    return highlight(text or "", query or "")
