"""HTML from outside, made safe before it is stored.

nh3 (the Ammonia sanitiser) keeps only the tags and attributes Newsline's rich
text has and http(s)/mailto links; Wagtail's own whitelister then writes it in
the rich-text storage format with the editor's features, so an imported body is
indistinguishable from one typed in the admin. No script, event handler,
``javascript:``/``data:`` address, style or frame survives; video players
embedded in the source are returned apart, for a video story.
"""

import html
import re

import nh3
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from newsline.core.blocks import RICH_TEXT_FEATURES
from newsline.core.text import printable
from newsline.news.video import player_url

from .sources import plain

__all__ = ["clean_body", "plain", "video_players"]

_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h2", "h3", "sup"}
_IFRAME_SRC = re.compile(r"<iframe\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_ANCHOR_HREF = re.compile(r"<a\b[^>]*?\bhref\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_converter = EditorHTMLConverter(features=RICH_TEXT_FEATURES)


def clean_body(untrusted: str) -> str:
    """``untrusted`` as safe rich text in Wagtail's storage format ('' when nothing
    is left)."""
    if not untrusted or not untrusted.strip():
        return ""
    safe = nh3.clean(
        printable(untrusted),
        tags=_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
    stored = _converter.to_database_format(safe).strip()
    return stored if plain(stored) else ""


def video_players(untrusted: str) -> list[str]:
    """Addresses of YouTube / Vimeo videos the source embeds or links, in order."""
    found = _IFRAME_SRC.findall(untrusted or "") + _ANCHOR_HREF.findall(untrusted or "")
    return [url for url in dict.fromkeys(html.unescape(u) for u in found) if player_url(url)]
