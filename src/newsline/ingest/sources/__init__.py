"""The wire formats Newsline reads, one module each, and telling them apart.

Each module has ``parse(data: bytes) -> Iterator[Item | Rejected]`` (raising
``DocumentError`` when the whole document is refused) and ``LABEL``.
"""

import json
from importlib import import_module

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
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        try:
            json.loads(data)
        except ValueError as error:
            raise DocumentError(f"not valid JSON: {error}") from error
        return "ninjs"
    if head[:1] != b"<":
        raise DocumentError("neither XML nor JSON: the format cannot be told")
    text = data[:4096].decode("utf-8", "replace")
    for marker, code in (("newsItem", "newsml"), ("newsMessage", "newsml"), ("<feed", "atom")):
        if marker in text:
            return code
    if "<rss" in text or "<rdf:RDF" in text:
        return "rss"
    raise DocumentError("an XML document that is neither RSS, Atom nor NewsML-G2")
