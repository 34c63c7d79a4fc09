"""IPTC ninjs 1.x, 2.x and 3.x: JSON news items, one or a list of them.

A document is one item, a list of items, or Newsline's own ``{"items": [...]}``
(what ``/api/ninjs/`` serves). Each item is validated against the official
schema of its version (``ninjs_schema``); an invalid one is rejected with the
schema's reason, the others go on.

The version: 2.x and 3.x say it in ``standard``, 1.3 to 1.6 in ``$standard``
(``version``, else the ``schema`` address); 1.0 to 1.2 had no way to. An item
that does not say is read as the newest version of the major one its property
names point to (3.x names are camelCase, 2.x has ``headlines``, ``bodies``,
``subjects``…, else 1.x) that it is valid against.

Read as 2.x: a 3.x item with its names lowercased (``versionCreated`` is 2.x's
``versioncreated``), a 1.x item restated in 2.x terms (``headline``,
``description_*``, ``body_*``, ``byline``, ``subject``, ``genre``, ``person``,
named ``associations`` and ``renditions``). Then:

- guid ``uri``; version ``version``; language ``language``; status
  ``pubstatus`` (3.x ``pubStatus``): usable, withheld, canceled.
- published_at ``firstcreated``, else ``versioncreated``; updated_at
  ``versioncreated`` when both are given. Neither: rejected.
- headline: the headline with role "main", else the first that is not a
  sub-headline; none: rejected, unless the item is withdrawn (a withdrawal
  needs only its uri).
- lead: the description with role summary (lead, abstract), else the first that
  is not a picture's caption or alt text (1.x ``description_text``), else a
  sub-headline; as plain text.
- body_html: the first HTML body (a body of no stated type is taken as HTML;
  1.x ``body_html``, ``body_xhtml``); a text/plain one (``body_text``) as
  escaped paragraphs.
- bylines: ``by`` (``byline``) split into names, then ``people`` with rel
  author or creator; subjects and genres: their names (else ``literal``).
- picture: the first association of type picture or graphic; of its renditions
  with an address the largest (width × height), with the association's caption
  (description role caption, else its description), alt text (role alt, else
  its headline) and credit (``copyrightnotice``, else ``by``, else
  ``copyrightholder``).
- link: the item's own text/html rendition.

An item of type picture or graphic on its own is rejected: pictures come in with
their story. ninjs has no keywords property in any version.
"""

import json
import re
from collections.abc import Iterator

from jsonschema.exceptions import best_match

from .. import ninjs_schema
from ..items import CANCELED, USABLE, WITHHELD, DocumentError, Item, Picture, Rejected
from ..xml import MAX_DOCUMENT_BYTES
from . import ItemError, moment, names, paragraphs, plain

LABEL = "IPTC ninjs (JSON)"
# Deep enough for any real item (associations of associations); jsonschema
# recurses on each level.
MAX_DEPTH = 40
STATUSES = {"usable": USABLE, "canceled": CANCELED, "withheld": WITHHELD}
_DECLARED = re.compile(r"^(\d+)\.(\d+)")
_SCHEMA_ADDRESS = re.compile(r"ninjs-schema_(\d+\.\d+)\.json")
_PLURAL = {"headlines", "bodies", "descriptions", "subjects", "genres", "people", "by"}
_LEAD_ROLES, _NOT_LEAD_ROLES = ("summary", "lead", "abstract"), ("caption", "alt", "alttext")
_SUB_HEADLINE_ROLES = ("sub", "subheadline", "subtitle", "deck")
_AUTHOR_RELS = ("author", "creator")
_HTML_BODY = {"html": "text/html", "xhtml": "application/xhtml+xml", "text": "text/plain"}


def parse(data: bytes) -> Iterator[Item | Rejected]:
    for position, document in enumerate(_documents(data), start=1):
        ref = document.get("uri") if isinstance(document, dict) else None
        ref = ref if isinstance(ref, str) and ref.strip() else f"item {position}"
        try:
            yield _item(document)
        except ItemError as error:
            yield Rejected(ref, str(error))


def _documents(data: bytes) -> list:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"the document is {len(data):,} bytes; the limit is {MAX_DOCUMENT_BYTES:,} bytes"
        )
    try:
        value = json.loads(data)
    except RecursionError:
        raise DocumentError("the JSON is nested too deeply to be read") from None
    except ValueError as error:
        raise DocumentError(f"not valid JSON: {error}") from error
    _check_shape(value)
    if isinstance(value, dict) and "uri" not in value and isinstance(value.get("items"), list):
        return value["items"]
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return value
    raise DocumentError(
        f"a ninjs document is an object or a list of objects, not {type(value).__name__}"
    )


def _check_shape(value) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` and strings that are not text."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise DocumentError(f"the JSON is nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, dict):
            stack.extend((part, depth + 1) for pair in node.items() for part in pair)
        elif isinstance(node, list):
            stack.extend((part, depth + 1) for part in node)
        elif isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                raise DocumentError(
                    "a string holds an unpaired surrogate (\\ud800…), which is not text"
                ) from None


def _item(document) -> Item:
    if not isinstance(document, dict):
        raise ItemError(f"not a ninjs item: a JSON {type(document).__name__}, not an object")
    try:
        version = _valid_version(document)
    except RecursionError:
        raise ItemError("it is nested too deeply to be checked against its schema") from None
    if version.startswith("3."):
        document = _lowercased(document)
    elif version.startswith("1."):
        document = _as_v2(document)
    if document.get("type") in ("picture", "graphic"):
        raise ItemError(f"a {document['type']} on its own: pictures come in with their story")
    status = STATUSES.get(_string(document.get("pubstatus", "usable")))
    if status is None:
        raise ItemError(f"its pubstatus {document['pubstatus']!r} is unknown")
    guid = _string(document.get("uri")).strip()
    if not guid:
        raise ItemError("it has no uri")
    headline = plain(_pick(document.get("headlines"), ("main",), avoid=_SUB_HEADLINE_ROLES))
    if not headline and status == USABLE:  # a withdrawal needs only the uri
        raise ItemError("it has no headline")
    published_at, updated_at = _times(document)
    return Item(
        guid=guid,
        headline=headline,
        published_at=published_at,
        updated_at=updated_at,
        embargoed_until=_embargo(document),
        lead=_lead(document),
        body_html=_body(document),
        version=_string(document.get("version")),
        bylines=_bylines(document),
        subjects=_names_of(document.get("subjects")),
        genres=_names_of(document.get("genres")),
        picture=_picture(document),
        language=_string(document.get("language")),
        link=_link(document),
        status=status,
        extra={"ninjs": version},
    )


# The version and the schema


def _valid_version(document: dict) -> str:
    """The version ``document`` is valid against; ``ItemError`` with the schema's reason."""
    declared = _declared_version(document)
    if declared:
        problem = _problem(document, declared)
        if problem:
            raise ItemError(f"invalid against ninjs {declared}: {problem}")
        return declared
    major = _major_by_names(document)
    candidates = [v for v in reversed(ninjs_schema.VERSIONS) if v.startswith(major)]
    for version in candidates:
        if ninjs_schema.validator(version).is_valid(document):
            return version
    newest = candidates[0]
    raise ItemError(
        f"invalid against ninjs {newest} (it does not say its version): "
        + _problem(document, newest)
    )


def _declared_version(document: dict) -> str | None:
    standard = document.get("standard", document.get("$standard"))
    standard = standard if isinstance(standard, dict) else {}
    version, address = standard.get("version"), standard.get("schema", document.get("$schema"))
    if isinstance(version, str) and _DECLARED.match(version):
        declared = "{}.{}".format(*_DECLARED.match(version).groups())
    elif isinstance(address, str) and _SCHEMA_ADDRESS.search(address):
        declared = _SCHEMA_ADDRESS.search(address)[1]
    else:
        return None
    if declared not in ninjs_schema.VERSIONS:
        raise ItemError(
            f"it says it is ninjs {declared}; Newsline reads ninjs "
            f"{ninjs_schema.VERSIONS[0]} to {ninjs_schema.VERSIONS[-1]}"
        )
    return declared


def _major_by_names(document: dict) -> str:
    if any(isinstance(key, str) and key != key.lower() for key in document):
        return "3."
    return "2." if _PLURAL & document.keys() else "1."


def _problem(document: dict, version: str) -> str:
    """The schema's reason ``document`` is invalid, and where ('' when valid)."""
    error = best_match(ninjs_schema.validator(version).iter_errors(document))
    if error is None:
        return ""
    return f"{error.message} (at /{'/'.join(map(str, error.absolute_path))})"


# Restating 1.x and 3.x in 2.x terms


def _lowercased(value):
    if isinstance(value, dict):
        return {key.lower(): _lowercased(part) for key, part in value.items()}
    if isinstance(value, list):
        return [_lowercased(part) for part in value]
    return value


def _as_v2(item: dict) -> dict:
    """A 1.x item with the names and shapes ninjs 2.0 gave the same things."""
    restated = dict(item)
    if "headline" in item:
        restated["headlines"] = [{"role": "main", "value": item["headline"]}]
    restated["descriptions"] = _suffixed(item, "description_")
    restated["bodies"] = _suffixed(item, "body_")
    for old, new in (("byline", "by"), ("subject", "subjects"), ("genre", "genres")):
        if old in item:
            restated[new] = item[old]
    restated["people"] = item.get("person", [])
    restated["associations"] = [
        {**_as_v2(association), "name": name}
        for name, association in _named(item.get("associations"))
    ]
    restated["renditions"] = [
        {**rendition, "name": name, "contenttype": _string(rendition.get("mimetype"))}
        for name, rendition in _named(item.get("renditions"))
    ]
    return restated


def _named(value) -> list[tuple[str, dict]]:
    """1.x's objects of named objects (associations, renditions) as pairs."""
    items = value.items() if isinstance(value, dict) else ()
    return [(name, part) for name, part in items if isinstance(part, dict)]


def _suffixed(item: dict, prefix: str) -> list:
    """``description_text``, ``body_html``… as 2.x descriptions or bodies."""
    return [
        {
            "role": key[len(prefix) :],
            "contenttype": _HTML_BODY.get(key[len(prefix) :], ""),
            "value": value,
        }
        for key, value in item.items()
        if key.startswith(prefix)
    ]


# Fields. ninjs 2.0's schema checks an association's name only, so nothing
# below trusts a value's type.


def _objects(value) -> list[dict]:
    """The objects of a JSON array; anything else is no object."""
    return [part for part in value if isinstance(part, dict)] if isinstance(value, list) else []


def _string(value) -> str:
    return value if isinstance(value, str) else ""


def _number(value) -> float:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _role(entry: dict) -> str:
    return _string(entry.get("role")).lower()


def _with_role(entries, roles: tuple[str, ...]) -> str:
    """The value of the first entry (headline, description) with one of ``roles``."""
    found = (_string(e.get("value")) for e in _objects(entries) if _role(e) in roles)
    return next(found, "")


def _pick(entries, roles: tuple[str, ...], *, avoid: tuple[str, ...] = ()) -> str:
    """The value of the first entry with one of ``roles``, else of the first entry
    whose role is not in ``avoid`` ('' when there is none)."""
    others = (_string(e.get("value")) for e in _objects(entries) if _role(e) not in avoid)
    return _with_role(entries, roles) or next(others, "")


def _first_text(item: dict, *names: str) -> str:
    """The plain text of the first of ``names`` that has some."""
    return next(filter(None, (plain(item.get(name)) for name in names)), "")


def _times(item: dict):
    first, latest = _string(item.get("firstcreated")), _string(item.get("versioncreated"))
    if not (first or latest):
        raise ItemError("it has no time: neither firstcreated nor versioncreated")
    published_at = moment(first or latest)
    return published_at, moment(latest) if first and latest else None


def _embargo(item: dict):
    """``embargoed`` (1.x, 2.x; ``embargoedUntil`` in 3.x), or None."""
    raw = _string(item.get("embargoed") or item.get("embargoeduntil")).strip()
    return moment(raw) if raw else None


def _lead(item: dict) -> str:
    descriptions = [d for d in _objects(item.get("descriptions")) if plain(d.get("value"))]
    lead = _pick(descriptions, _LEAD_ROLES, avoid=_NOT_LEAD_ROLES)
    return plain(lead or _with_role(item.get("headlines"), _SUB_HEADLINE_ROLES))


def _body(item: dict) -> str:
    bodies = _objects(item.get("bodies"))
    for body in bodies:
        if "plain" not in _string(body.get("contenttype")):
            return _string(body.get("value"))
    return paragraphs(_string(bodies[0].get("value"))) if bodies else ""


def _bylines(item: dict) -> tuple[str, ...]:
    authors = (
        plain(person.get("name"))
        for person in _objects(item.get("people"))
        if _string(person.get("rel")).lower() in _AUTHOR_RELS
    )
    return tuple(dict.fromkeys([*names(item.get("by")), *filter(None, authors)]))


def _names_of(concepts) -> tuple[str, ...]:
    found = (_first_text(concept, "name", "literal") for concept in _objects(concepts))
    return tuple(dict.fromkeys(name for name in found if name))


def _picture(item: dict) -> Picture | None:
    for association in _objects(item.get("associations")):
        if association.get("type") not in ("picture", "graphic"):
            continue
        renditions = [
            rendition
            for rendition in _objects(association.get("renditions"))
            if _string(rendition.get("href"))
            and (_string(rendition.get("contenttype")) or "image/").startswith("image/")
        ]
        if renditions:
            return _picture_of(association, max(renditions, key=_area))
    return None


def _picture_of(association: dict, rendition: dict) -> Picture:
    descriptions = association.get("descriptions")
    return Picture(
        url=rendition["href"],
        caption=plain(_pick(descriptions, ("caption",), avoid=("alt", "alttext"))),
        credit=_first_text(association, "copyrightnotice", "by", "copyrightholder"),
        alt=plain(
            _with_role(descriptions, ("alt", "alttext"))
            or _pick(association.get("headlines"), ("main",), avoid=_SUB_HEADLINE_ROLES)
        ),
        mime_type=_string(rendition.get("contenttype")),
    )


def _area(rendition: dict) -> float:
    return _number(rendition.get("width")) * _number(rendition.get("height"))


def _link(item: dict) -> str:
    for rendition in _objects(item.get("renditions")):
        if rendition.get("contenttype") == "text/html" and _string(rendition.get("href")):
            return rendition["href"]
    return ""
