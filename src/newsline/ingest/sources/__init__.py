"""The wire formats Newsline reads, one module each, and telling them apart.

Each module has ``parse(data: bytes) -> Iterator[Item | Rejected]`` (raising
``DocumentError`` when the whole document is refused) and ``LABEL``. The rules
every format shares for an item's values are here too: plain text, names from
a byline, HTML from plain text, times that keep their offset.
"""

import html
import json
import re
from datetime import UTC, datetime
from importlib import import_module

import nh3

from newsline.core.text import printable

from .. import xml
from ..items import DocumentError

FORMATS = {
    "rss": "newsline.ingest.sources.feed",
    "atom": "newsline.ingest.sources.feed",
    "ninjs": "newsline.ingest.sources.ninjs",
    "newsml": "newsline.ingest.sources.newsml",
}


def parser(format_code: str):
    """The module that reads ``format_code``."""
    if format_code not in FORMATS:
        raise DocumentError(f"unknown format {format_code!r}; formats: {', '.join(FORMATS)}")
    return import_module(FORMATS[format_code])


def detect(data: bytes) -> str:
    """The format of a document, from its first bytes: JSON is ninjs; XML is
    NewsML-G2, Atom or RSS by its root element."""
    head = xml.ascii_compatible(data[:4096]).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise DocumentError("the document is empty")
    if head[:1] in (b"{", b"["):
        try:
            json.loads(data)
        except RecursionError:
            raise DocumentError("the JSON is nested too deeply to be read") from None
        except ValueError as error:
            raise DocumentError(f"not valid JSON: {error}") from error
        return "ninjs"
    if head[:1] != b"<":
        raise DocumentError("neither XML nor JSON: the format cannot be told")
    text = head.decode("utf-8", "replace")
    for marker, code in (("newsItem", "newsml"), ("newsMessage", "newsml"), ("<feed", "atom")):
        if marker in text:
            return code
    if "<rss" in text or "<rdf:RDF" in text:
        return "rss"
    raise DocumentError("an XML document that is neither RSS, Atom nor NewsML-G2")


class ItemError(ValueError):
    """One item refused: its parser yields ``Rejected`` with this reason and goes on."""


# "A, B and C", "A & B", "A и B", "A və B"; a leading "By".
_NAME_SEPARATORS = re.compile(r"\s*[,;&]\s*|\s+(?:and|и|və)\s+", re.IGNORECASE)
_BY = re.compile(r"^by\s+", re.IGNORECASE)


def plain(value) -> str:
    """``value`` as plain text: tags (and script/style content) dropped, entities
    unescaped, whitespace collapsed; '' for anything that is not a string."""
    if not isinstance(value, str):
        return ""
    return " ".join(printable(html.unescape(nh3.clean(value, tags=set()))).split())


def names(*bylines) -> tuple[str, ...]:
    """The people a byline names, each once, in order."""
    found = []
    for byline in bylines:
        for name in _NAME_SEPARATORS.split(plain(byline)):
            name = _BY.sub("", name).strip()
            if name and name not in found:
                found.append(name)
    return tuple(found)


def paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs (a blank line between two)."""
    parts = re.split(r"\n\s*\n", text.strip())
    return "".join(f"<p>{html.escape(part.strip())}</p>" for part in parts if part.strip())


def moment(raw: str, parse=datetime.fromisoformat) -> datetime:
    """The aware time ``raw`` says (ISO 8601 unless another ``parse`` is given), its
    offset kept; ``ItemError`` when it cannot be read or has no offset."""
    shown = raw if len(raw) <= 60 else raw[:60] + "…"
    try:
        value = parse(raw.strip())
        if value.tzinfo is not None:
            value.astimezone(UTC)  # a time at the end of year 9999 overflows
    except (TypeError, ValueError, IndexError, OverflowError):
        raise ItemError(f"its date {shown!r} cannot be read (or is out of range)") from None
    if value.tzinfo is None:
        raise ItemError(f"its date {shown!r} has no UTC offset, so the time is unknown")
    return value
