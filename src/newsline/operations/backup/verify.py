"""Reading a backup back: unpacking the archive under our own name checks and verifying every
checksum, the database and its migrations against the manifest."""

import gzip
import hashlib
import os
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from .database import Migration, _describe_database, _last_per_app, _unknown_migrations
from .manifest import DATA, DATABASE, MANIFEST, MEDIA, BackupError, BackupManifest, _few

_CHUNK = 1024 * 1024


def verify_backup(*, source: Path) -> BackupManifest:
    """Check the backup at ``source`` completely without touching live data: every checksum,
    the database's integrity, its row counts and migrations against the manifest, and that
    this code knows those migrations. Raises BackupError naming what is wrong."""
    _require_file(source)
    with tempfile.TemporaryDirectory(prefix="newsline-verify-") as work:
        return _unpack_verified(source, Path(work))[0]


def _require_file(path: Path) -> None:
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")


def _unpack_verified(source: Path, staged: Path) -> tuple[BackupManifest, set[Migration]]:
    manifest, hashes = _unpack(source, staged)
    _check_files(manifest, hashes)
    tables, applied = _describe_database(staged / DATABASE)
    if tables != manifest.tables or _last_per_app(applied) != manifest.migrations:
        raise BackupError(
            f"{source}: the database's row counts or migrations differ from the manifest."
        )
    unknown = _unknown_migrations(manifest.migrations)
    if unknown:
        raise BackupError(
            f"The backup was made by newer code (Newsline {manifest.versions['newsline']}): "
            f"this Newsline does not know the migrations {_few(unknown)}. Restore it with "
            "that version or a later one."
        )
    return manifest, applied


def _unpack(source: Path, staged: Path) -> tuple[BackupManifest, dict[str, str]]:
    """Extract every member of ``source`` into ``staged``, hashing each file as it is written;
    members are written by name checks of our own, never by tarfile's extract."""
    hashes: dict[str, str] = {}
    raw_manifest = None
    seen: set[str] = set()
    try:
        with tarfile.open(source, "r:gz") as tar:
            for member in tar:
                name = _checked_name(member, seen=seen)
                if name == MANIFEST:
                    raw_manifest = tar.extractfile(member).read()
                else:
                    hashes[name] = _extract(tar, member, staged / name)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise BackupError(
            f"{source} is not a readable backup (corrupt or truncated archive: {exc})."
        ) from exc
    if raw_manifest is None:
        raise BackupError(f"{source} has no manifest.json; it is not a Newsline backup.")
    return BackupManifest.from_json(raw_manifest), hashes


def _checked_name(member: tarfile.TarInfo, *, seen: set[str]) -> str:
    """The member's name, once it is known to be a regular file where a backup puts files."""
    parts = PurePosixPath(member.name).parts
    in_tree = len(parts) > 1 and parts[0] in (MEDIA, DATA) and ".." not in parts
    if not member.isfile() or not (member.name in (MANIFEST, DATABASE) or in_tree):
        raise BackupError(f"Unexpected entry {member.name!r} in the archive; refusing it.")
    if member.name in seen:
        raise BackupError(f"The archive holds {member.name!r} twice; refusing it.")
    seen.add(member.name)
    return member.name


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    sha = hashlib.sha256()
    with tar.extractfile(member) as stream, target.open("xb") as out:
        while chunk := stream.read(_CHUNK):
            sha.update(chunk)
            out.write(chunk)
    os.utime(target, (member.mtime, member.mtime))
    return sha.hexdigest()


def _check_files(manifest: BackupManifest, hashes: dict[str, str]) -> None:
    damaged = sorted(n for n in manifest.files.keys() & hashes if manifest.files[n] != hashes[n])
    if damaged:
        raise BackupError(f"Checksum mismatch for {_few(damaged)}: the archive is damaged.")
    if missing := sorted(manifest.files.keys() - hashes.keys()):
        raise BackupError(f"Missing from the archive: {_few(missing)}.")
    if extra := sorted(hashes.keys() - manifest.files.keys()):
        raise BackupError(f"In the archive but not in its manifest: {_few(extra)}.")
    if DATABASE not in hashes:
        raise BackupError(f"The archive holds no database ({DATABASE}).")
