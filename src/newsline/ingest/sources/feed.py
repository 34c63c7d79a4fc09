"""RSS 2.0 (and 0.9x, 1.0) and Atom 1.0 feeds, read with feedparser.

The document goes through ``xml.parse`` first (size cap, no DTD, strict
well-formedness and encoding): a truncated or mis-encoded feed is refused, not
half read. feedparser then reads that tree written out again as UTF-8, so it
never sees a DTD or a lying encoding declaration. Each item's own element is
read for what feedparser mixes up (a Media RSS title or description lands in
the item's title or summary), garbles (an author's e-mail address at a domain
longer than four letters) or loses (``xml:lang``); its parsed times drop the
offset, so dates are read here from the strings it keeps.

- guid: ``guid`` / ``id``, else the link; neither: rejected.
- headline: ``title``; none: rejected.
- published_at: ``pubDate`` / ``published`` (RFC 822 or ISO 8601, the offset
  kept; RFC 822's -0000 is UTC), else ``updated`` / ``dc:date``; updated_at:
  ``updated`` when both are given. No date, or one without an offset: rejected.
- lead: ``description`` / ``summary`` as plain text; body_html:
  ``content:encoded`` / ``content`` as the source's HTML (a text/plain content as
  escaped paragraphs).
- bylines: ``author`` / ``dc:creator`` names ("A and B", "A, B" split; an e-mail
  address alone is no name).
- subjects and genres: every category (its label, else its term) in both: the
  pipeline decides which names say the kind.
- picture: the largest image ``media:content`` (also in a ``media:group``), else
  the first image enclosure, else the largest ``media:thumbnail``; its
  ``media:credit``, ``media:description`` and ``media:title`` (its own, else its
  group's, else the item's) as credit, caption and alt.
- language: the item's ``xml:lang`` (or an ancestor's), else the channel's
  ``language`` / ``dc:language``.
- link: the item's http(s) link.
"""

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import feedparser
from lxml import etree

from .. import xml
from ..items import DocumentError, Item, Picture, Rejected
from . import ItemError, moment, names, paragraphs, plain

LABEL = "RSS / Atom feed"
ATOM = "http://www.w3.org/2005/Atom"
RSS1 = "http://purl.org/rss/1.0/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
MEDIA = ("http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss")
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ROOTS = {"rss", f"{{{RDF}}}RDF", f"{{{ATOM}}}feed"}
# The elements feedparser takes for entries, so the two readings pair up.
_ENTRIES = {"item", "entry", f"{{{RSS1}}}item", f"{{{ATOM}}}entry"}
_TITLES = ("title", f"{{{RSS1}}}title", f"{{{ATOM}}}title")
_SUMMARIES = ("description", f"{{{RSS1}}}description", f"{{{ATOM}}}summary")
# Where feedparser keeps people: read from the tree instead (see _feedparser).
_PEOPLE = {"author", "creator", "managingEditor", "webMaster", "publisher", "owner"}


def parse(data: bytes) -> Iterator[Item | Rejected]:
    root = xml.parse(data)
    if root.tag not in _ROOTS:
        name = etree.QName(root)
        raise DocumentError(
            f"not an RSS or Atom 1.0 feed: the root element is <{name.localname}> "
            f"in {name.namespace or 'no namespace'}"
        )
    elements = [element for element in root.iter() if element.tag in _ENTRIES]
    bylines = [_bylines(element) for element in elements]
    feed = _feedparser(root)
    if len(feed.entries) != len(elements):
        raise DocumentError("the feed's items are nested in a way that cannot be read")
    channel_language = _channel_language(root)
    read = zip(feed.entries, elements, bylines, strict=True)
    for position, (entry, element, people) in enumerate(read, start=1):
        try:
            yield _item(entry, element, people, channel_language)
        except ItemError as error:
            yield Rejected(_ref(entry, position), str(error))


def _feedparser(root):
    """feedparser's reading of the tree, without the people in it: their names are
    read from the tree, and feedparser's e-mail match on a name takes quadratic time
    on a hostile one (kurtmckee/feedparser#562: minutes for 200 kB)."""
    people = [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and etree.QName(element).localname in _PEOPLE
        and etree.QName(element).namespace != XHTML
    ]
    for element in people:
        element.getparent().remove(element)
    return feedparser.parse(
        io.BytesIO(etree.tostring(root, encoding="utf-8", xml_declaration=True)),
        sanitize_html=False,  # sanitised later, with the rest of the pipeline's rules
        resolve_relative_uris=False,  # it would rewrite the HTML
    )


def _ref(entry, position: int) -> str:
    return (entry.get("id") or entry.get("link") or "").strip() or f"item {position}"


def _item(entry, element, bylines: tuple[str, ...], channel_language: str) -> Item:
    guid = (entry.get("id") or entry.get("link") or "").strip()
    if not guid:
        raise ItemError("it has neither a guid nor a link")
    headline = _child_text(element, _TITLES)
    if not headline:
        raise ItemError("it has no title")
    published_at, updated_at = _times(entry)
    link = entry.get("link", "")
    return Item(
        guid=guid,
        headline=headline,
        published_at=published_at,
        updated_at=updated_at,
        lead=_child_text(element, _SUMMARIES),
        body_html=_body(entry),
        bylines=bylines,
        subjects=_categories(entry),
        genres=_categories(entry),
        picture=_picture(element),
        language=_language(element) or channel_language,
        link=link if link.startswith(("http://", "https://")) else "",
    )


def _times(entry) -> tuple[datetime, datetime | None]:
    # dict.get: feedparser's own get answers "updated" with "published".
    published, updated = dict.get(entry, "published"), dict.get(entry, "updated")
    if not (published or updated):
        raise ItemError("it has no date (pubDate, published or updated)")
    published_at = _moment(published or updated)
    return published_at, _moment(updated) if published and updated else None


def _moment(raw: str) -> datetime:
    """ISO 8601 (Atom, dc:date) when it starts with a year, else RFC 822 (RSS)."""
    return moment(raw) if raw.strip()[:4].isdigit() else moment(raw, parse=_rfc822)


def _rfc822(raw: str) -> datetime:
    value = parsedate_to_datetime(raw)
    if value.tzinfo is None and raw.endswith("-0000"):  # RFC 5322: UTC, local zone unknown
        value = value.replace(tzinfo=UTC)
    return value


def _child_text(element, tags: tuple[str, ...]) -> str:
    """The plain text of the item's first child among ``tags`` (text, escaped
    HTML or XHTML alike)."""
    for tag in tags:
        found = element.find(tag)
        if found is not None:
            return plain("".join(found.itertext()))
    return ""


def _body(entry) -> str:
    contents = entry.get("content", [])
    for content in contents:
        if "html" in content.get("type", ""):
            return content.get("value", "")
    return paragraphs(contents[0].get("value", "")) if contents else ""


def _bylines(element) -> tuple[str, ...]:
    found = []
    for child in element:
        if child.tag == f"{{{ATOM}}}author":
            found.append(child.findtext(f"{{{ATOM}}}name") or "")
        elif child.tag in ("author", f"{{{DC}}}creator"):
            found.append(_mailbox_name(child.text or ""))
    return names(*found)


def _mailbox_name(text: str) -> str:
    """The name in RSS's ``author``, an e-mail address: "leyla@example.az (Leyla
    Məmmədova)" or "Leyla Məmmədova <leyla@example.az>"; an address alone is no name."""
    text = text.strip()
    if "@" not in text:
        return text
    if text.endswith(")") and "(" in text:
        return text[text.rindex("(") + 1 : -1]
    if text.endswith(">") and "<" in text:
        return text[: text.rindex("<")]
    return ""


def _categories(entry) -> tuple[str, ...]:
    found = (plain(tag.get("label") or tag.get("term")) for tag in entry.get("tags", []))
    return tuple(dict.fromkeys(name for name in found if name))


def _language(element) -> str:
    for node in (element, *element.iterancestors()):
        if node.get(XML_LANG):
            return node.get(XML_LANG).strip()
    return ""


def _channel_language(root) -> str:
    for path in (
        "channel/language",
        f"channel/{{{DC}}}language",
        f"{{{RSS1}}}channel/{{{DC}}}language",
    ):
        found = root.find(path)
        if found is not None and (found.text or "").strip():
            return found.text.strip()
    return ""


# Media RSS and enclosures


def _picture(element) -> Picture | None:
    images = [
        content
        for content in _media(element, "content", deep=True)
        if content.get("medium") == "image" or content.get("type", "").startswith("image/")
    ]
    if images:
        return _media_picture(max(images, key=_area), element)
    for enclosure in element.findall("enclosure") + element.findall(f"{{{ATOM}}}link"):
        is_enclosure = enclosure.tag == "enclosure" or enclosure.get("rel") == "enclosure"
        url = enclosure.get("url") or enclosure.get("href")
        if is_enclosure and url and enclosure.get("type", "").startswith("image/"):
            return _media_picture(enclosure, element)
    thumbnails = _media(element, "thumbnail", deep=True)
    return _media_picture(max(thumbnails, key=_area), element) if thumbnails else None


def _media_picture(chosen, item) -> Picture | None:
    url = (chosen.get("url") or chosen.get("href") or "").strip()
    if not url:
        return None
    group = chosen.getparent()
    scopes = [chosen, *([group] if group is not item else []), item]
    return Picture(
        url=url,
        caption=_media_text("description", scopes),
        credit=_media_text("credit", scopes),
        alt=_media_text("title", scopes),
        mime_type=chosen.get("type", ""),
    )


def _media(element, name: str, *, deep: bool = False) -> list:
    tags = [f"{{{namespace}}}{name}" for namespace in MEDIA]
    return list(element.iter(*tags)) if deep else [e for e in element if e.tag in tags]


def _media_text(name: str, scopes) -> str:
    for scope in scopes:
        for found in _media(scope, name):
            text = plain("".join(found.itertext()))
            if text:
                return text
    return ""


def _area(element) -> int:
    try:
        return int(element.get("width", 0)) * int(element.get("height", 0))
    except ValueError:
        return 0
