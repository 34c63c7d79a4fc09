"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 from one list of entries.

Django's feed generators write the XML; the subclasses here add what a news
feed carries beyond them: several bylines, the full text, and the main image
as Media RSS.
"""

import io
import json
import textwrap
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.xmlutils import SimplerXMLGenerator

from newsline.core.text import printable
from newsline.i18n import clock

MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Image:
    url: str
    width: int
    height: int
    length: int
    mime_type: str
    caption: str = ""
    credit: str = ""
    alt: str = ""


@dataclass(frozen=True)
class Author:
    name: str
    url: str


@dataclass(frozen=True)
class Entry:
    id: str
    url: str
    title: str
    summary: str
    content_html: str
    published: datetime
    updated: datetime
    language: str
    authors: list[Author] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    image: Image | None = None


@dataclass(frozen=True)
class FeedInfo:
    title: str
    home_url: str
    feed_url: str
    description: str
    language: str
    updated: datetime | None


class _RssFeed(feedgenerator.Rss201rev2Feed):
    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:media": MEDIA_NS,
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["bylines"]:
            handler.addQuickElement("dc:creator", printable(author.name))
        handler.addQuickElement("content:encoded", printable(item["content_html"]))
        image = item["image"]
        if image is not None:
            handler.startElement(
                "media:content",
                {
                    "url": image.url,
                    "medium": "image",
                    "type": image.mime_type,
                    "width": str(image.width),
                    "height": str(image.height),
                },
            )
            if image.caption:
                handler.addQuickElement("media:description", printable(image.caption))
            if image.credit:
                handler.addQuickElement("media:credit", printable(image.credit))
            if image.alt:
                handler.addQuickElement("media:title", printable(image.alt))
            handler.endElement("media:content")


class _AtomFeed(feedgenerator.Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("published", feedgenerator.rfc3339_date(item["published"]))
        for author in item["bylines"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", printable(author.name))
            handler.addQuickElement("uri", author.url)
            handler.endElement("author")
        handler.addQuickElement("content", printable(item["content_html"]), {"type": "html"})


@dataclass(frozen=True)
class Written:
    """One entry as a format writes it inside a feed, and when it last changed
    (the feed's own date is its newest entry's)."""

    text: str
    changed: datetime


class _Spliced:
    """A feed written around entries written already: the feed's own elements by
    Django's generator, with no items and the newest entry's date, then the
    entries' text put in before its closing tag, where the generator puts items."""

    closing: str

    def __init__(self, *args, latest: datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.latest = latest

    def latest_post_date(self):
        return self.latest or super().latest_post_date()


class _SplicedRss(_Spliced, _RssFeed):
    closing = "</channel>"


class _SplicedAtom(_Spliced, _AtomFeed):
    closing = "</feed>"


def _add(feed, entry: Entry) -> None:
    # RSS descriptions and Atom summaries (Django writes type="html") are HTML to
    # feed readers, and ours are plain text (a lead, a section's name): escaped, a
    # lead that reads "<img src=x onerror=...>" stays words, not markup in a reader.
    image = entry.image
    enclosure = (
        feedgenerator.Enclosure(image.url, str(image.length), image.mime_type) if image else None
    )
    feed.add_item(
        title=printable(entry.title),
        link=entry.url,
        description=escape(printable(entry.summary)),
        unique_id=entry.id,
        unique_id_is_permalink=False,
        pubdate=clock.outlet_time(entry.published),
        updateddate=clock.outlet_time(entry.updated),
        categories=[printable(category) for category in entry.categories],
        enclosures=[enclosure] if enclosure else None,
        # Extra keys reach add_item_elements above.
        published=clock.outlet_time(entry.published),
        bylines=entry.authors,
        content_html=entry.content_html,
        image=image,
    )


def _changed(entry: Entry) -> datetime:
    return max(clock.outlet_time(entry.updated), clock.outlet_time(entry.published))


def _xml_item(cls, entry: Entry) -> Written:
    feed = cls(title="", link="", description="")
    _add(feed, entry)
    out = io.StringIO()
    feed.write_items(SimplerXMLGenerator(out, "utf-8", short_empty_elements=True))
    return Written(out.getvalue(), _changed(entry))


def _xml_feed(cls, info: FeedInfo, items: list[Written]) -> str:
    feed = cls(
        title=printable(info.title),
        link=info.home_url,
        description=escape(printable(info.description)),
        language=info.language,
        feed_url=info.feed_url,
        latest=max((item.changed for item in items), default=None),
    )
    head, tail = feed.writeString("utf-8").rsplit(cls.closing, 1)
    return head + "".join(item.text for item in items) + cls.closing + tail


def rss_item(entry: Entry) -> Written:
    return _xml_item(_SplicedRss, entry)


def rss(info: FeedInfo, items: list[Written]) -> str:
    return _xml_feed(_SplicedRss, info, items)


def atom_item(entry: Entry) -> Written:
    return _xml_item(_SplicedAtom, entry)


def atom(info: FeedInfo, items: list[Written]) -> str:
    return _xml_feed(_SplicedAtom, info, items)


# JSON Feed items sit two levels deep in the document, indented one space a level.
_JSON_ITEM_INDENT = "  "


def json_item(entry: Entry) -> Written:
    text = json.dumps(_json_item(entry), ensure_ascii=False, indent=1)
    return Written(textwrap.indent(text, _JSON_ITEM_INDENT), _changed(entry))


def json_feed(info: FeedInfo, items: list[Written]) -> str:
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the same text as
    ``json.dumps`` of the whole document, its items written already."""
    head = json.dumps(json_document(info), ensure_ascii=False, indent=1).removesuffix("\n}")
    listed = ",\n".join(item.text for item in items)
    return head + (f',\n "items": [\n{listed}\n ]\n}}' if items else ',\n "items": []\n}')


def json_document(info: FeedInfo) -> dict:
    """A JSON Feed's own members, before its ``items``."""
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.feed_url,
        "description": info.description,
        "language": info.language,
    }


def _json_item(entry: Entry) -> dict:
    item = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "summary": entry.summary,
        "content_html": entry.content_html,
        "date_published": clock.outlet_time(entry.published).isoformat(),
        "date_modified": clock.outlet_time(entry.updated).isoformat(),
        "authors": [{"name": a.name, "url": a.url} for a in entry.authors],
        "tags": entry.categories,
        "language": entry.language,
    }
    if entry.image:
        item["image"] = entry.image.url
        item["attachments"] = [
            {
                "url": entry.image.url,
                "mime_type": entry.image.mime_type,
                "size_in_bytes": entry.image.length,
            }
        ]
    return item


@dataclass(frozen=True)
class FeedFormat:
    code: str  # in the address: feeds/<code>/
    item: object  # (Entry) -> Written: one entry as the feed writes it
    write: object  # (FeedInfo, [Written]) -> str
    content_type: str
    label: str  # as readers see it beside the feed's subject


# Every feed format, once: the feed view, the pages' <link rel="alternate"> and the
# CDN purge addresses all read this.
FORMATS = {
    fmt.code: fmt
    for fmt in (
        FeedFormat("rss", rss_item, rss, "application/rss+xml", "RSS"),
        FeedFormat("atom", atom_item, atom, "application/atom+xml", "Atom"),
        FeedFormat("json", json_item, json_feed, "application/feed+json", "JSON Feed"),
    )
}
