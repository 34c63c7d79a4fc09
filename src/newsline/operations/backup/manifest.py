"""What a backup is made of: the archive's layout, its manifest, and the error every step raises."""

import json
from dataclasses import asdict, dataclass

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database/newsline.sqlite3"
MEDIA = "media"
DATA = "data"
# Files of the data directory that belong with the database: the demo admin's password matches
# the hash in the restored users table. The cache and collected static files are rebuilt, so
# they stay out.
DATA_FILES = ("admin-password.txt",)

POSTGRES_GUIDANCE = (
    "DATABASE_URL is set, and `newsline backup` and `newsline restore` cover only the "
    "embedded SQLite database. Back up PostgreSQL with its own tools: pg_dump for a "
    "logical copy, or pg_basebackup plus WAL archiving (archive_mode = on) for "
    "point-in-time recovery. The steps are in docs/backups.md."
)


class BackupError(Exception):
    """A backup or restore that cannot go on, said in words an operator can act on."""


@dataclass(frozen=True)
class BackupManifest:
    """What a backup holds. ``files`` maps each archive member to the SHA-256 of its bytes,
    ``migrations`` each app to its last applied migration."""

    created_at: str
    versions: dict[str, str]
    tables: dict[str, int]
    migrations: dict[str, str]
    files: dict[str, str]
    media_included: bool
    media_note: str
    format: int = FORMAT

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    @property
    def media_files(self) -> int:
        return sum(1 for name in self.files if name.startswith(f"{MEDIA}/"))

    def summary(self) -> list[str]:
        """A few lines for an operator: when, by what, how much."""
        v = self.versions
        media = (
            f"{self.media_files} media files"
            if self.media_included
            else f"media not included: {self.media_note}"
        )
        return [
            f"made {self.created_at} by Newsline {v['newsline']} "
            f"(Django {v['django']}, Wagtail {v['wagtail']})",
            f"database: {len(self.tables)} tables, {self.rows} rows, "
            f"sha256 {self.files[DATABASE][:16]}",
            media,
        ]

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "BackupManifest":
        """Parse a manifest; BackupError when it is unreadable or of another format."""
        try:
            data = json.loads(raw)
            found = data.get("format")
        except (ValueError, AttributeError) as exc:
            raise BackupError(f"manifest.json is unreadable: {exc}") from exc
        if found != FORMAT:
            raise BackupError(
                f"The backup's format is {found!r}; this Newsline reads format {FORMAT}."
            )
        try:
            return cls(**data)
        except TypeError as exc:
            raise BackupError(f"manifest.json lacks or adds fields: {exc}") from exc


def _few(items: list[str], limit: int = 5) -> str:
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more
