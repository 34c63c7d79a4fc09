"""Backups of the embedded default: the SQLite database, the media on disk, a few data files.

A backup is one ``.tar.gz`` file: a consistent snapshot of the database taken with SQLite's
online backup API, the media files, the small files of the data directory that belong with the
database, and ``manifest.json`` (versions, row counts, migration state, a SHA-256 of every
file). A restore verifies all of it in a scratch directory before anything live is touched.
PostgreSQL is backed up with its own tools; docs/backups.md has the procedure.
"""

from .archive import backup_destination, create_backup
from .database import Migration
from .manifest import (
    DATA,
    DATA_FILES,
    DATABASE,
    FORMAT,
    MANIFEST,
    MEDIA,
    POSTGRES_GUIDANCE,
    BackupError,
    BackupManifest,
)
from .restore import RestoreReport, restore_backup
from .verify import verify_backup

__all__ = [
    "DATA",
    "DATA_FILES",
    "DATABASE",
    "FORMAT",
    "MANIFEST",
    "MEDIA",
    "POSTGRES_GUIDANCE",
    "BackupError",
    "BackupManifest",
    "Migration",
    "RestoreReport",
    "backup_destination",
    "create_backup",
    "restore_backup",
    "verify_backup",
]
