"""The official IPTC ninjs schemas, 1.0 to 3.1, and validators that enforce their formats.

The schemas are vendored unchanged in ``schemas/ninjs/`` (IPTC, CC BY 4.0 / MIT).
Nothing is fetched: each schema's references resolve to the vendored copies,
and the GeoJSON schema that 2.x and 3.x name for a place's ``geometry`` is not
vendored, so a geometry is only checked to be an object (Newsline reads none);
any other address fails to resolve instead of being downloaded.

Without optional packages jsonschema does not check "uri" or "date-time" at all,
so the two formats ninjs relies on are checked here: RFC 3339 date-times and
absolute ASCII URIs (RFC 3986; an IRI with raw Unicode is not a "uri").
"""

import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path

from jsonschema import FormatChecker
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

FOLDER = Path(__file__).resolve().parent / "schemas" / "ninjs"
VERSIONS = ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.0", "2.1", "2.2", "3.0", "3.1")
GEOJSON = "https://geojson.org/schema/GeoJSON.json"

_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\Z", re.ASCII
)
_URI = re.compile(
    r"^[A-Za-z][A-Za-z0-9+.-]*:([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+\Z"
)

FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    datetime.fromisoformat(value.upper().replace("Z", "+00:00"))  # month 13 raises
    return True


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    return not isinstance(value, str) or bool(_URI.match(value))


def schema_path(version: str) -> Path:
    """The vendored schema file of ninjs ``version`` ("2.2")."""
    if version not in VERSIONS:
        raise ValueError(f"no ninjs {version} schema; there are {', '.join(VERSIONS)}")
    return FOLDER / f"ninjs-schema_{version}.json"


def schema_address(version: str) -> str:
    """The address IPTC publishes ninjs ``version``'s schema at (its id)."""
    return f"http://www.iptc.org/std/ninjs/ninjs-schema_{version}.json"


@cache
def validator(version: str):
    """A validator of ninjs ``version`` (of the schema's own JSON Schema draft),
    formats enforced, that never reaches the network."""
    schema = _schema(version)
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, registry=_registry(), format_checker=FORMATS)


@cache
def _schema(version: str) -> dict:
    return json.loads(schema_path(version).read_text(encoding="utf-8"))


def _refuse(uri: str):
    raise NoSuchResource(ref=uri)


@cache
def _registry() -> Registry:
    resources = [(schema_address(v), Resource.from_contents(_schema(v))) for v in VERSIONS]
    geometry = DRAFT202012.create_resource({"type": "object"})
    return Registry(retrieve=_refuse).with_resources([*resources, (GEOJSON, geometry)])
