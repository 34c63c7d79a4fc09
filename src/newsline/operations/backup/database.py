"""The SQLite side of a backup: the consistent snapshot, row counts, and the migrations the
database has applied against those this code ships."""

import pkgutil
import sqlite3
from contextlib import closing
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

from .manifest import POSTGRES_GUIDANCE, BackupError, _few


def _database_path() -> Path:
    config = settings.DATABASES["default"]
    if config["ENGINE"] != "django.db.backends.sqlite3":
        raise BackupError(POSTGRES_GUIDANCE)
    return Path(config["NAME"])


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    # Neither mode creates a file: a typo must not back up a new, empty database. The live
    # database is opened read-write only so that, as the last connection, ours removes the
    # -wal and -shm files it had to create instead of leaving them for the app.
    mode = "ro" if readonly else "rw"
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=20)


def _snapshot_database(source: Path, target: Path) -> None:
    # A file copy of a live database can catch a page half-written and misses the commits
    # still in the -wal file. The online backup API reads through SQLite; with the default
    # pages=-1 it copies every page in one step inside one read transaction: a consistent
    # snapshot that includes committed WAL pages, and WAL readers never block the app's writers.
    with (
        closing(_connect(source, readonly=False)) as live,
        closing(sqlite3.connect(target)) as copy,
    ):
        live.backup(copy)
        # One self-contained file, no -wal beside it; the app turns WAL on when it opens it.
        copy.execute("PRAGMA journal_mode=DELETE")


Migration = tuple[str, str]  # (app label, migration name)


def _describe_database(path: Path) -> tuple[dict[str, int], set[Migration]]:
    """Row counts of every table and the applied migrations, after PRAGMA integrity_check;
    BackupError when the database is damaged or not Newsline's."""
    try:
        with closing(_connect(path, readonly=True)) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError(f"The database fails integrity_check: {_few(problems)}")
            return _row_counts(conn), _applied_migrations(conn)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"The database cannot be read: {exc}") from exc


def _row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    # Virtual tables (full-text search) keep their rows in shadow tables, counted as such.
    names = [
        name
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
        if not name.startswith("sqlite_") and not sql.upper().startswith("CREATE VIRTUAL")
    ]
    # The names come from sqlite_master and are quoted, so nothing is injected here.
    query = 'SELECT count(*) FROM "{}"'
    return {
        name: conn.execute(query.format(name.replace('"', '""'))).fetchone()[0] for name in names
    }


def _applied_migrations(conn: sqlite3.Connection) -> set[Migration]:
    try:
        return set(conn.execute("SELECT app, name FROM django_migrations"))
    except sqlite3.OperationalError as exc:
        raise BackupError(
            "The database has no migration history; run `newsline migrate` first."
        ) from exc


def _last_per_app(applied: set[Migration]) -> dict[str, str]:
    # By name, not by row id: Django numbers migrations, and records a squashed migration
    # after everything it replaces, so the latest row is not the latest migration.
    last: dict[str, str] = {}
    for app, name in sorted(applied):
        last[app] = name
    return last


def _unknown_migrations(last_per_app: dict[str, str]) -> list[str]:
    # Only each app's latest migration is looked up: the files of old, squashed migrations
    # may be gone from newer code. Apps this code does not install are skipped: rows left
    # behind by a removed app are common.
    shipped = _shipped_migrations()
    return [
        f"{app}.{name}"
        for app, name in sorted(last_per_app.items())
        if app in shipped and name not in shipped[app]
    ]


def _has_pending_migrations(applied: set[Migration]) -> bool:
    return any(
        names and (app, max(names)) not in applied for app, names in _shipped_migrations().items()
    )


def _shipped_migrations() -> dict[str, set[str]]:
    """The migration names this code has, per app, listed as Django's loader lists them but
    without importing them: importing wagtail_localize's 0001_initial queries the database,
    which would open (or create) the live one in the middle of a restore."""
    shipped = {}
    for config in apps.get_app_configs():
        module_name, _explicit = MigrationLoader.migrations_module(config.label)
        try:
            package = import_module(module_name)
        except ModuleNotFoundError:
            continue
        if hasattr(package, "__path__"):
            shipped[config.label] = {
                name
                for _finder, name, is_package in pkgutil.iter_modules(package.__path__)
                if not is_package and name[0] not in "_~"
            }
    return shipped
