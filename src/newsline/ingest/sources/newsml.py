"""IPTC NewsML-G2: a ``newsMessage`` with an ``itemSet``, or a single ``newsItem``.

Read through ``xml.parse`` (no DTD, no entities, no network). Each news item of
the message is one item; a picture item (itemClass ninat:picture or graphic)
is the picture of the text item whose ``itemMeta/link`` points at its guid
(``residref``), and is not an item itself; a picture item no text item links to
is rejected, as is anything that is not a news item (a packageItem…).

- guid and version: the ``guid`` and ``version`` attributes; no guid: rejected.
- status: ``itemMeta/pubStatus`` stat:usable, stat:withheld, stat:canceled
  (usable when absent); any other: rejected.
- published_at: ``itemMeta/firstCreated``, else ``contentMeta/contentCreated``
  when it is a full time, else ``itemMeta/versionCreated``; updated_at:
  ``versionCreated`` when another gave published_at. Offsets kept; a time
  without one, or no time: rejected.
- language: the item's ``xml:lang``, else ``contentMeta/language/@tag``. Of the
  elements below given in several languages, those in the item's language
  (else those that name none) are read.
- headline: ``contentMeta/headline`` (not a sub-headline); none: rejected,
  unless the item is withdrawn. lead: ``description`` with role drol:summary,
  else one that is not a caption or alt text, else a sub-headline; plain text.
- body_html: ``contentSet/inlineXML`` XHTML (its ``body``'s content, without the
  namespace), else ``inlineData`` text/html as it is, else ``inlineData``
  text/plain as escaped paragraphs.
- bylines: ``creator`` names (else ``literal``), else the ``by`` line split;
  subjects: ``subject`` names, then ``keyword``s; genres: ``genre`` names. A
  concept with only a code (qcode) gives no name and is left out.
- picture: of the linked picture item's ``remoteContent`` with an ``href`` the
  largest (width × height), its caption (description role drol:caption, else
  one with no role), alt (role drol:alternativeText, else its headline) and
  credit (``creditline``, else ``rightsInfo/copyrightNotice``, else its
  creators); else a link with an image ``href`` and ``contenttype``.
- slugline: in ``extra``.
"""

import copy
import html
from collections.abc import Iterator
from datetime import datetime

from lxml import etree

from .. import xml
from ..items import CANCELED, USABLE, WITHHELD, DocumentError, Item, Picture, Rejected
from . import ItemError, moment, names, paragraphs, plain

LABEL = "IPTC NewsML-G2"
NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUSES = {"usable": USABLE, "canceled": CANCELED, "withheld": WITHHELD}
PICTURE_CLASSES = ("picture", "graphic")
_LEAD_ROLES, _NOT_LEAD_ROLES = {"summary"}, {"caption", "alternativetext", "alt"}
_SUB_HEADLINE_ROLES = {"sub", "subheadline", "subtitle"}


def _nar(name: str) -> str:
    return f"{{{NAR}}}{name}"


def parse(data: bytes) -> Iterator[Item | Rejected]:
    elements = _elements(xml.parse(data))
    pictures = {
        element.get("guid"): element
        for element in elements
        if element.tag == _nar("newsItem")
        and element.get("guid")
        and _item_class(element) in PICTURE_CLASSES
    }
    attached = {
        link.get("residref")
        for element in elements
        if element.get("guid") not in pictures
        for link in element.iterfind(f"{_nar('itemMeta')}/{_nar('link')}")
        if link.get("residref")
    }
    for position, element in enumerate(elements, start=1):
        if element.get("guid") in pictures and element.get("guid") in attached:
            continue  # read as the picture of the text item that links to it
        ref = (element.get("guid") or "").strip() or f"item {position}"
        try:
            yield _item(element, pictures)
        except ItemError as error:
            yield Rejected(ref, str(error))


def _elements(root) -> list:
    if root.tag == _nar("newsItem"):
        return [root]
    if root.tag == _nar("newsMessage"):
        return [item for item_set in root.iterfind(_nar("itemSet")) for item in item_set]
    name = etree.QName(root)
    raise DocumentError(
        f"not NewsML-G2: the root element is <{name.localname}> "
        f"in {name.namespace or 'no namespace'}, not a newsMessage or newsItem in {NAR}"
    )


def _item(element, pictures: dict) -> Item:
    if element.tag != _nar("newsItem"):
        raise ItemError(f"a <{etree.QName(element).localname}> is not a news item: not read")
    if _item_class(element) in PICTURE_CLASSES:
        raise ItemError("a picture that no text item links to: pictures come with their story")
    guid = (element.get("guid") or "").strip()
    if not guid:
        raise ItemError("it has no guid")
    status = _status(element)
    language = (element.get(XML_LANG) or _attribute(element, "contentMeta/language", "tag")).strip()
    meta = _Meta(element.find(_nar("contentMeta")), language)
    headline = plain(meta.text("headline", avoid=_SUB_HEADLINE_ROLES))
    if not headline and status == USABLE:  # a withdrawal needs only the guid
        raise ItemError("it has no headline")
    published_at, updated_at = _times(element)
    return Item(
        guid=guid,
        headline=headline,
        published_at=published_at,
        updated_at=updated_at,
        embargoed_until=_embargo(element),
        lead=plain(
            meta.text("description", _LEAD_ROLES, avoid=_NOT_LEAD_ROLES)
            or meta.text("headline", _SUB_HEADLINE_ROLES, fallback=False)
        ),
        body_html=_body(element),
        version=element.get("version", ""),
        bylines=meta.creators() or names(meta.text("by")),
        subjects=tuple(dict.fromkeys([*meta.concepts("subject"), *meta.keywords()])),
        genres=meta.concepts("genre"),
        picture=_picture(element, pictures, language),
        language=language,
        status=status,
        extra={"slugline": plain(meta.text("slugline"))},
    )


def _item_class(element) -> str:
    item_class = element.find(f"{_nar('itemMeta')}/{_nar('itemClass')}")
    return _code(item_class.get("qcode") or item_class.get("uri")) if item_class is not None else ""


def _code(qcode_or_uri: str | None) -> str:
    """The code of a QCode ("stat:usable") or of a scheme URI
    ("http://cv.iptc.org/newscodes/pubstatusg2/usable"): "usable"."""
    return (qcode_or_uri or "").strip().rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower()


def _attribute(element, path: str, name: str) -> str:
    found = element.find("/".join(_nar(step) for step in path.split("/")))
    return (found.get(name) or "") if found is not None else ""


def _status(element) -> str:
    found = element.find(f"{_nar('itemMeta')}/{_nar('pubStatus')}")
    if found is None:
        return USABLE
    said = found.get("qcode") or found.get("uri") or ""
    if _code(said) not in STATUSES:
        raise ItemError(
            f"its publishing status {said!r} is unknown (stat:usable, stat:withheld, stat:canceled)"
        )
    return STATUSES[_code(said)]


def _times(element) -> tuple[datetime, datetime | None]:
    def said(path: str) -> str:
        found = element.find("/".join(_nar(step) for step in path.split("/")))
        return (found.text or "").strip() if found is not None else ""

    first, created, latest = (
        said("itemMeta/firstCreated"),
        said("contentMeta/contentCreated"),
        said("itemMeta/versionCreated"),
    )
    if first:
        published_at = moment(first)
    elif created and "T" in created and _has_offset(created):
        published_at = moment(created)
    elif latest:
        return moment(latest), None
    else:
        raise ItemError("it has no time (firstCreated, contentCreated or versionCreated)")
    return published_at, moment(latest) if latest else None


def _embargo(element) -> datetime | None:
    """``itemMeta/embargoed``: not to be published before it; None without one."""
    found = element.find(f"{_nar('itemMeta')}/{_nar('embargoed')}")
    raw = (found.text or "").strip() if found is not None else ""
    return moment(raw) if raw else None


def _has_offset(value: str) -> bool:
    time = value.partition("T")[2]
    return time.endswith("Z") or "+" in time or "-" in time


# Content


def _body(element) -> str:
    content_set = element.find(_nar("contentSet"))
    if content_set is None:
        return ""
    for inline in content_set.iterfind(_nar("inlineXML")):
        if "xhtml" in inline.get("contenttype", "application/xhtml+xml"):
            return _xhtml(inline)
    data = list(content_set.iterfind(_nar("inlineData")))
    for inline in data:
        if "html" in inline.get("contenttype", ""):
            return inline.text or ""
    return paragraphs(data[0].text or "") if data else ""


def _xhtml(inline) -> str:
    """The XHTML body's content as HTML, without its namespace."""
    body = inline.find(f".//{{{XHTML}}}body")
    content = copy.deepcopy(body if body is not None else inline)
    for node in content.iter():
        node.tag = etree.QName(node).localname
        for name in [name for name in node.attrib if name.startswith("{")]:
            node.attrib[etree.QName(name).localname] = node.attrib.pop(name)
    etree.cleanup_namespaces(content)
    parts = [html.escape(content.text or "", quote=False)]
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in content]
    return "".join(parts).strip()


def _picture(element, pictures: dict, language: str) -> Picture | None:
    links = list(element.iterfind(f"{_nar('itemMeta')}/{_nar('link')}"))
    for link in links:
        if link.get("residref") in pictures:
            found = _picture_item(pictures[link.get("residref")], language)
            if found:
                return found
    for link in links:
        if link.get("href") and link.get("contenttype", "").startswith("image/"):
            alt = plain(link.findtext(_nar("title")) or link.get("title"))
            return Picture(url=link.get("href"), alt=alt, mime_type=link.get("contenttype"))
    return None


def _picture_item(element, language: str) -> Picture | None:
    content_set = element.find(_nar("contentSet"))
    remote = [
        content
        for content in (
            content_set.iterfind(_nar("remoteContent")) if content_set is not None else ()
        )
        if content.get("href") and content.get("contenttype", "image/").startswith("image/")
    ]
    if not remote:
        return None
    largest = max(remote, key=_area)
    meta = _Meta(element.find(_nar("contentMeta")), element.get(XML_LANG) or language)
    rights = element.find(f"{_nar('rightsInfo')}/{_nar('copyrightNotice')}")
    return Picture(
        url=largest.get("href").strip(),
        caption=plain(meta.text("description", {"caption"}, avoid=_NOT_LEAD_ROLES - {"caption"})),
        credit=plain(meta.text("creditline"))
        or plain("".join(rights.itertext()) if rights is not None else "")
        or ", ".join(meta.creators()),
        alt=plain(
            meta.text("description", {"alternativetext", "alt"}, fallback=False)
            or meta.text("headline", avoid=_SUB_HEADLINE_ROLES)
        ),
        mime_type=largest.get("contenttype", ""),
    )


def _area(element) -> int:
    try:
        return int(element.get("width", 0)) * int(element.get("height", 0))
    except ValueError:
        return 0


class _Meta:
    """A ``contentMeta``, read in the item's language."""

    def __init__(self, element, language: str):
        self.element = element if element is not None else etree.Element(_nar("contentMeta"))
        self.language = language.lower().split("-")[0]

    def text(self, name: str, roles=(), *, avoid=(), fallback=True) -> str:
        """The text of the ``name`` element with one of ``roles``, else (when
        ``fallback``) of the first whose roles are none of ``avoid``."""
        found = self.in_language(self.element.findall(_nar(name)))
        chosen = [e for e in found if _roles(e) & set(roles)]
        if not chosen and fallback:
            chosen = [e for e in found if not _roles(e) & set(avoid)]
        return "".join(chosen[0].itertext()) if chosen else ""

    def creators(self) -> tuple[str, ...]:
        found = (self.name_of(creator) for creator in self.element.findall(_nar("creator")))
        return tuple(dict.fromkeys(name for name in found if name))

    def concepts(self, name: str) -> tuple[str, ...]:
        found = (self.name_of(concept) for concept in self.element.findall(_nar(name)))
        return tuple(dict.fromkeys(name for name in found if name))

    def keywords(self) -> tuple[str, ...]:
        found = self.in_language(self.element.findall(_nar("keyword")))
        return tuple(plain("".join(keyword.itertext())) for keyword in found)

    def name_of(self, concept) -> str:
        found = self.in_language(concept.findall(_nar("name")))
        return plain("".join(found[0].itertext())) if found else plain(concept.get("literal"))

    def in_language(self, elements: list) -> list:
        """Those of ``elements`` in the item's language, else those that name none, else all."""
        own = [e for e in elements if _language(e) == self.language]
        return own or [e for e in elements if not e.get(XML_LANG)] or elements


def _language(element) -> str:
    return (element.get(XML_LANG) or "").lower().split("-")[0]


def _roles(element) -> set[str]:
    return {_code(role) for role in (element.get("role") or "").split()}
