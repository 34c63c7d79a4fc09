"""The News line as an HTML fragment, rendered once per change per language.

Every page embeds it and open pages fetch it to refresh, so it is cached on
its own: under the version of its surrogate key, which ``publishing`` changes
whenever a story of that language is published, edited or withdrawn. A page
that is itself rendered anew does not pay for the News line again.
"""

from contextlib import suppress

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from newsline.core import renditions, surrogate

from .queries import news_line


def news_line_html(locale, language: str, request=None) -> str:
    """The items (``<li>``) of a language's News line, newest first."""
    try:
        line, everything = surrogate.versions([surrogate.news_line(language), surrogate.EVERYTHING])
        cache_key = f"newsline:fragment:{language}:{line}:{everything}"
        html = caches["default"].get(cache_key)
    except Exception:  # an unreadable cache costs a render, never the page
        cache_key, html = None, None
    if html is None:
        items = news_line(locale)
        with renditions.watching() as showed_pending:
            html = render_to_string(
                "ticker/news_line_items.html", {"items": items, "request": request}
            ).strip()
        # A thumbnail the worker has not made yet must not stay in the line.
        if cache_key and not showed_pending():
            with suppress(Exception):
                caches["default"].set(cache_key, html, _lifetime(items))
    return mark_safe(html)  # noqa: S308 - our own template's output


def _lifetime(items) -> int:
    """Never keep the fragment past the expiry of a story it shows: expiry takes a
    story off the lists at its time, before the scheduler withdraws it."""
    lifetime = settings.NEWSLINE_CACHE_CONTROL["s_maxage"]
    now = timezone.now()
    for item in items:
        if item.expire_at and item.expire_at > now:
            lifetime = min(lifetime, max(1, int((item.expire_at - now).total_seconds())))
    return lifetime
