"""Writing a backup: the snapshot, media and data files into a ``.tar.gz`` with a manifest
holding the SHA-256 of every member."""

import hashlib
import io
import os
import platform
import sqlite3
import tarfile
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

from .database import _database_path, _describe_database, _last_per_app, _snapshot_database
from .manifest import (
    DATA,
    DATA_FILES,
    DATABASE,
    MANIFEST,
    MEDIA,
    BackupError,
    BackupManifest,
)


def backup_destination(*, output: Path | None) -> Path:
    """Where ``newsline backup`` writes: ``output`` when it names a file, else a timestamped
    ``newsline-backup-YYYYmmdd-HHMMSS.tar.gz`` (UTC) in ``output`` or in DATA_DIR/backups."""
    name = f"newsline-backup-{datetime.now(UTC):%Y%m%d-%H%M%S}.tar.gz"
    if output is None:
        return Path(settings.DATA_DIR) / "backups" / name
    return output / name if output.is_dir() else output


def create_backup(*, destination: Path) -> BackupManifest:
    """Write a backup of the database, media and data files to the file ``destination``.

    Safe while Newsline serves and writes: the database snapshot is consistent. The archive is
    assembled under a hidden temporary name beside ``destination`` and renamed into place only
    when complete, so a failed backup leaves nothing that looks like a backup. Raises
    BackupError for PostgreSQL, a missing database or an existing ``destination``.
    """
    database = _database_path()
    if not database.is_file():
        raise BackupError(f"No database at {database}: nothing to back up.")
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose another --output.")
    if destination.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        raise BackupError(f"{destination} is inside MEDIA_ROOT, which readers can download.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".newsline-backup-", dir=destination.parent) as work:
        snapshot = Path(work) / "newsline.sqlite3"
        _snapshot_database(database, snapshot)
        partial = Path(work) / "partial.tar.gz"
        manifest = _write_archive(partial, snapshot)
        os.replace(partial, destination)
    return manifest


def _media_root() -> tuple[Path | None, str]:
    """MEDIA_ROOT when uploads are files in it; otherwise None and why media are left out."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        return None, (
            f"uploads are stored by {type(storage).__name__}, not as files under MEDIA_ROOT; "
            "back them up where they are stored"
        )
    root = Path(settings.MEDIA_ROOT).resolve()
    if Path(storage.location).resolve() != root:
        return None, f"the default storage writes to {storage.location}, not MEDIA_ROOT"
    return root, ""


def _write_archive(path: Path, snapshot: Path) -> BackupManifest:
    tables, applied = _describe_database(snapshot)
    media_root, media_note = _media_root()
    path.touch(mode=0o600)  # password hashes and sessions: for the owner's eyes only
    with tarfile.open(path, "w:gz") as tar:
        files = {DATABASE: _add_file(tar, snapshot, DATABASE)}
        # The database was snapshotted first, so every file it names was complete on disk
        # already (an upload is written before its row commits); newer files are harmless.
        if media_root is not None:
            files |= _add_tree(tar, media_root, MEDIA)
        files |= _add_data_files(tar)
        manifest = BackupManifest(
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            versions=_versions(),
            tables=tables,
            migrations=_last_per_app(applied),
            files=files,
            media_included=media_root is not None,
            media_note=media_note,
        )
        _add_bytes(tar, MANIFEST, manifest.to_json())
    with path.open("rb") as written:
        os.fsync(written.fileno())  # durable before the rename makes it look complete
    return manifest


def _add_tree(tar: tarfile.TarFile, root: Path, prefix: str) -> dict[str, str]:
    files = {}
    for directory, _dirs, names in os.walk(root):
        for name in sorted(names):
            path = Path(directory) / name
            # Uploads are never links, and a link could lead outside the data directory.
            if path.is_symlink() or not path.is_file():
                continue
            member = f"{prefix}/{path.relative_to(root).as_posix()}"
            try:
                files[member] = _add_file(tar, path, member)
            except FileNotFoundError:
                continue  # deleted by the app since the walk listed it
    return files


def _add_data_files(tar: tarfile.TarFile) -> dict[str, str]:
    data_dir = Path(settings.DATA_DIR)
    return {
        f"{DATA}/{name}": _add_file(tar, data_dir / name, f"{DATA}/{name}")
        for name in DATA_FILES
        if (data_dir / name).is_file()
    }


class _HashingReader:
    """Hashes what tarfile reads, so a checksum is of exactly the archived bytes even if the
    file on disk changes."""

    def __init__(self, stream):
        self._stream = stream
        self._sha = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._sha.update(data)
        return data

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


def _add_file(tar: tarfile.TarFile, path: Path, member: str) -> str:
    with path.open("rb") as stream:
        info = tar.gettarinfo(arcname=member, fileobj=stream)
        reader = _HashingReader(stream)
        tar.addfile(info, reader)
    return reader.hexdigest()


def _add_bytes(tar: tarfile.TarFile, member: str, data: bytes) -> None:
    info = tarfile.TarInfo(member)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
    tar.addfile(info, io.BytesIO(data))


def _versions() -> dict[str, str]:
    return {
        "newsline": metadata.version("newsline"),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
