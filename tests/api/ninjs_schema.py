"""Validation against the official IPTC ninjs 2.2 schema, with its formats enforced.

Without optional packages jsonschema does not check "uri" or "date-time" at all,
so the two formats ninjs relies on are checked here: RFC 3339 date-times and
absolute ASCII URIs (RFC 3986; an IRI with raw Unicode is not a "uri").
"""

import json
import re
from datetime import datetime
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

VENDORED = Path(__file__).resolve().parent / "schemas" / "ninjs-schema_2.2.json"

_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\Z", re.ASCII
)
_URI = re.compile(
    r"^[A-Za-z][A-Za-z0-9+.-]*:([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+\Z"
)

FORMATS = FormatChecker()


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


def _validator() -> Draft202012Validator:
    schema = json.loads(VENDORED.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FORMATS)


VALIDATOR = _validator()


def ninjs_errors(document) -> list[str]:
    """Every way ``document`` breaks the schema, as readable lines (empty when valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message}"
        for error in VALIDATOR.iter_errors(document)
    ]
