"""Restoring a backup: the verified files renamed into place, the live ones set aside, and
everything renamed back if that fails midway."""

import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import caches

from .database import _database_path, _has_pending_migrations
from .manifest import DATA, DATA_FILES, DATABASE, MEDIA, BackupError, BackupManifest, _few
from .verify import _require_file, _unpack_verified


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did: the backup's manifest, the paths the live files were renamed to,
    and whether this code has migrations the restored database has not applied."""

    manifest: BackupManifest
    database: Path
    set_aside: list[Path]
    needs_migrate: bool


@dataclass(frozen=True)
class _Placement:
    staged: Path | None  # None: the live file is only set aside
    live: Path
    aside: Path


def restore_backup(*, source: Path, force: bool) -> RestoreReport:
    """Replace the database, media and data files with those of the backup at ``source``.

    Everything is extracted and verified (as ``verify_backup``) in a scratch directory inside
    DATA_DIR first. Only then are the live files renamed aside to
    ``<name>.before-restore-<UTC time>`` (the database with its -wal and -shm, so it stays
    openable) and the restored ones renamed in; a failure midway renames everything back.
    Media are replaced only when the backup includes them. Refuses to replace an existing
    database unless ``force``. Newsline must be stopped: a process holding the old database
    open would go on writing to it. Clears the caches, which hold pages of the old content.
    """
    database = _database_path()
    _require_file(source)
    if database.exists() and not force:
        raise BackupError(
            f"A database already exists at {database}. Stop Newsline and pass --force to "
            f"replace it (it is kept as {database.name}.before-restore-<time>)."
        )
    database.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".newsline-restore-", dir=database.parent) as work:
        manifest, applied = _unpack_verified(source, Path(work))
        set_aside = _swap_into_place(_placements(Path(work), manifest, database))
    for cache in caches.all():
        cache.clear()
    return RestoreReport(
        manifest=manifest,
        database=database,
        set_aside=set_aside,
        needs_migrate=_has_pending_migrations(applied),
    )


def _placements(staged: Path, manifest: BackupManifest, database: Path) -> list[_Placement]:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")

    def aside(live: Path) -> Path:
        return live.with_name(f"{live.name}.before-restore-{stamp}")

    old = aside(database)
    moves = [_Placement(staged / DATABASE, database, old)]
    # The old -wal holds the old database's latest commits and would be replayed into the
    # restored file; it goes aside with its database, named so SQLite pairs them again.
    for suffix in ("-wal", "-shm"):
        moves.append(_Placement(None, _sibling(database, suffix), _sibling(old, suffix)))
    if manifest.media_included:
        (staged / MEDIA).mkdir(exist_ok=True)  # a backup of no media empties MEDIA_ROOT
        media_root = Path(settings.MEDIA_ROOT)
        moves.append(_Placement(staged / MEDIA, media_root, aside(media_root)))
    for name in DATA_FILES:
        if (staged / DATA / name).is_file():
            live = database.parent / name
            moves.append(_Placement(staged / DATA / name, live, aside(live)))
    if taken := [str(m.aside) for m in moves if os.path.lexists(m.aside)]:
        raise BackupError(f"{_few(taken)} already exists; retry in a second.")
    return moves


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _swap_into_place(moves: list[_Placement]) -> list[Path]:
    """Rename each live file aside and its restored one in; undo all of it on failure."""
    done: list[tuple[_Placement, bool]] = []
    try:
        for move in moves:
            had_live = os.path.lexists(move.live)
            if had_live:
                os.replace(move.live, move.aside)
            done.append((move, had_live))
            if move.staged is not None:
                move.live.parent.mkdir(parents=True, exist_ok=True)
                os.replace(move.staged, move.live)
    except OSError as exc:
        _undo(done)
        raise BackupError(
            f"Could not put the restored files in place ({exc}); the live files are back "
            "as they were."
        ) from exc
    return [move.aside for move, had_live in done if had_live]


def _undo(done: list[tuple[_Placement, bool]]) -> None:
    for move, had_live in reversed(done):
        if move.staged is not None and os.path.lexists(move.live):
            os.replace(move.live, move.staged)
        if had_live:
            os.replace(move.aside, move.live)
