"""Untrusted XML, parsed safely: no DTD, no entities, no network, bounded size.

Every wire and import format that is XML goes through ``parse``. Entities can
only be declared in a DTD, and a DTD only before the root element: a document
with one there is refused outright (billion laughs, external entities), and
lxml itself runs with entity resolution, DTD loading and network access off,
so nothing it reads can reach a file or a host.
"""

import re

from lxml import etree

from .items import DocumentError

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
# Before the root element: the XML declaration, comments, processing
# instructions, whitespace, and perhaps a DOCTYPE (refused).
_PROLOG = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_DECLARED = re.compile(rb"\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
# Byte-order marks and the first bytes of "<?" in the encodings that are not
# ASCII-compatible (XML 1.0, appendix F): the prolog is read after decoding, or
# a UTF-16 document would carry its DTD past the check.
_WIDE = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)


def check(data: bytes, *, limit: int = MAX_DOCUMENT_BYTES) -> None:
    """Refuse what is too large, empty, not XML, or declares a DTD, with a reason."""
    if len(data) > limit:
        raise DocumentError(f"the document is {len(data):,} bytes; the limit is {limit:,} bytes")
    text = ascii_compatible(data)
    rest = text[_PROLOG.match(text).end() :]
    if not rest:
        raise DocumentError("the document is empty")
    if rest[:9].upper() == b"<!DOCTYPE":
        raise DocumentError("the document declares a DTD (entities), which is refused")
    if rest[:1] != b"<":
        raise DocumentError("not XML: the document does not begin with an element")


def ascii_compatible(data: bytes) -> bytes:
    """``data`` re-encoded as UTF-8 when it is UTF-16 or UTF-32, else as it is;
    refused when it declares one of those and is not written in it."""
    for mark, codec in _WIDE:
        if data.startswith(mark):
            return data.decode(codec, "replace").lstrip("\ufeff").encode()
    declared = _DECLARED.match(data)
    if declared and declared[1].lower().startswith((b"utf-16", b"utf-32", b"ucs")):
        name = declared[1].decode("ascii", "replace")
        raise DocumentError(f"the document declares the encoding {name} but is not written in it")
    return data


def parse(data: bytes, *, limit: int = MAX_DOCUMENT_BYTES) -> etree._Element:
    """The document's root element, after ``check``."""
    check(data, limit=limit)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise DocumentError(f"not well-formed XML: {error}") from error
    if root is None:
        raise DocumentError("the document has no root element")
    return root
