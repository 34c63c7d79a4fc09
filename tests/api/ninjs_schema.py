"""Validation against the official IPTC ninjs 2.2 schema, with its formats enforced:
the ingest package's validator (``newsline.ingest.ninjs_schema``), the one home of
the vendored schemas and of the "uri" and "date-time" checks."""

from newsline.ingest.ninjs_schema import validator


def ninjs_errors(document) -> list[str]:
    """Every way ``document`` breaks the schema, as readable lines (empty when valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message}"
        for error in validator("2.2").iter_errors(document)
    ]
