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


def check(data: bytes, *, limit: int = MAX_DOCUMENT_BYTES) -> None:
    """Refuse what is too large, empty, or declares a DTD, with a reason."""
    if len(data) > limit:
        raise DocumentError(f"the document is {len(data):,} bytes; the limit is {limit:,} bytes")
    rest = data[_PROLOG.match(data).end() :]
    if not rest:
        raise DocumentError("the document is empty")
    if rest[:9].upper() == b"<!DOCTYPE":
        raise DocumentError("the document declares a DTD (entities), which is refused")


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
