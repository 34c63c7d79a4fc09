"""The News line as an HTML fragment, rendered once per change per language.

Every page embeds it and open pages fetch it to refresh, so it is cached on
its own: under the version of its surrogate key, which ``publishing`` changes
whenever a story of that language is published, edited or withdrawn. A page
that is itself rendered anew does not pay for the News line again.

A publication moves the whole line on, but changes one item: each item is filed
under its story's keys (``core/filing.py``, as story cards are), named by all it
shows, so the line is rendered anew from the filed items and the new story's.
"""

from contextlib import suppress

from django.core.cache import caches
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.images.shortcuts import get_rendition_or_not_found

from newsline.core import compiled, filing, renditions, surrogate
from newsline.i18n.templatetags.newsclock import iso_datetime, news_date, news_time
from newsline.news import cards
from newsline.news.queries import shown_until

from .queries import news_line

ITEM_TEMPLATE = "news_line_item.html"
FILED_AS = "newsline:line-item:"


def news_line_html(locale, language: str, request=None) -> str:
    """The items (``<li>``) of a language's News line, newest first."""
    try:
        line, everything = surrogate.versions([surrogate.news_line(language), surrogate.EVERYTHING])
        # Named by the release too: new markup or wording shows at once after a deploy.
        cache_key = f"newsline:fragment:{filing.release_digest()}:{language}:{line}:{everything}"
        kept = caches["default"].get(cache_key)
    except Exception:  # an unreadable cache costs a render, never the page
        cache_key, kept = None, None
    if kept is None:
        items = news_line(locale)
        with renditions.watching() as showed_pending:
            html = _items_html(items, request)
        kept = (html, shown_until(items))
        # A thumbnail the worker has not made yet must not stay in the line.
        if cache_key and not showed_pending():
            with suppress(Exception):
                caches["default"].set(cache_key, kept, surrogate.seconds_until(kept[1]))
    html, until = kept
    surrogate.true_for(request, surrogate.seconds_until(until))
    return mark_safe(html)  # noqa: S308 - our own template's output


def _items_html(items, request) -> str:
    """The line's ``<li>`` items, in order: those filed as they are, the others
    rendered (their pictures' renditions read in one query) and filed."""
    language = translation.get_language()
    shown = cards.filed_markup(
        items,
        name_of=lambda item: _name(item, item.get_url(request), language),
        render=lambda item: _item_html(item, request),
        specs=[renditions.NEWS_LINE_THUMB],  # the only picture an item shows
    )
    return "\n".join(shown[item.pk] for item in items)


def _item_html(item, request) -> str:
    """One item: a compiled template (``core/compiled.py``)."""
    shown = {
        "url": item.get_url(request),
        "thumb": _thumbnail(item),
        "iso_time": iso_datetime(item.published_at),
        "time": news_time(item.published_at),
        "date": news_date(item.published_at),
        "breaking": item.is_breaking_now,
        "label": item.label,
        "title": item.title,
    }
    return compiled.render(ITEM_TEMPLATE, item=shown, breaking=_("Breaking")).strip()


def _name(item, url: str, language: str) -> str:
    """All an item shows but what its story's keys cover: its address, language,
    publication, and whether it is breaking now (a mark ends without a purge)."""
    return filing.name(
        FILED_AS,
        filing.release_digest(),
        language,
        url,
        item.pk,
        item.last_published_at,
        item.published_at,
        item.is_breaking_now,
    )


def _thumbnail(item):
    if not item.main_image:
        return None
    thumb = get_rendition_or_not_found(item.main_image, renditions.NEWS_LINE_THUMB)
    return compiled.markup(
        thumb.img_tag({"alt": "", "class": "news-line__thumb", "loading": "lazy"})
    )
