"""`newsline backup` and `newsline restore`, run as an operator runs them.

The suite's in-memory database cannot be backed up from another process, so every test gets
a data directory with a real SQLite file (migrated once for the module, then copied) and runs
the commands in subprocesses with the development settings.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
from contextlib import closing
from pathlib import Path

import pytest

NEWSLINE = Path(sys.executable).with_name("newsline")
MEDIA = {
    "original_images/front-page.jpg": os.urandom(300_000),
    "documents/доклад.pdf": b"%PDF-1.4 a report\n" * 100,
}
TAMPERED_MEDIA = "media/original_images/front-page.jpg"

WRITER = """
import itertools
from wagtail.models import Locale
from newsline.news.models import Person

locale = Locale.get_default()
for i in itertools.count():
    Person.objects.create(name=f"Writer {i}", slug=f"writer-{i}", locale=locale)
    if i == 0:
        print("writing", flush=True)
"""

OPEN_WITH_THE_APP = """
from django.core.management import call_command
from newsline.news.models import Person

call_command("check")
call_command("migrate", check=True, verbosity=0)  # exits 1 if a migration is unapplied
print(Person.objects.count())
"""


@pytest.fixture
def _db():
    """No test database here (this overrides conftest's autouse fixture): these tests work
    on files through other processes, and skipping it keeps the module fast."""


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("migrated")
    newsline("migrate", "--noinput", data_dir=data_dir)
    return data_dir / "newsline.sqlite3"


@pytest.fixture
def data_dir(tmp_path, migrated_database) -> Path:
    return make_data_dir(tmp_path / "var", migrated_database)


@pytest.fixture(scope="module")
def archive(tmp_path_factory, migrated_database) -> Path:
    """A backup of a data directory like ``data_dir``, shared by the tests that only read it."""
    work = tmp_path_factory.mktemp("archive")
    source = make_data_dir(work / "var", migrated_database)
    newsline("backup", "--output", str(work / "backup.tar.gz"), data_dir=source)
    return work / "backup.tar.gz"


def test_backup_under_writes_restores_to_the_manifest(data_dir, tmp_path):
    """The restore drill: back up while the app writes, restore into a new data directory,
    compare row counts, integrity and media checksums, and open the result with the app."""
    live = data_dir / "newsline.sqlite3"
    destination = tmp_path / "drill.tar.gz"
    writer = start_writer(data_dir, log=tmp_path / "writer.log")
    try:
        before = wait_for_rows(live, "news_person", above=20)
        newsline("backup", "--output", str(destination), data_dir=data_dir)
        manifest = read_manifest(destination)
        in_backup = manifest["tables"]["news_person"]
        wait_for_rows(live, "news_person", above=in_backup)  # still writing after the snapshot
    finally:
        writer.terminate()
        writer.wait(timeout=20)
    assert in_backup > before

    restored = tmp_path / "restored"
    newsline("restore", str(destination), data_dir=restored)

    database = restored / "newsline.sqlite3"
    assert integrity(database) == "ok"
    assert row_counts(database) == manifest["tables"]
    assert media_checksums(restored / "media") == {
        name: digest for name, digest in manifest["files"].items() if name.startswith("media/")
    }
    assert media_checksums(restored / "media") == media_checksums(data_dir / "media")
    assert int(python(OPEN_WITH_THE_APP, data_dir=restored).stdout.split()[-1]) == in_backup


def test_restore_refuses_to_replace_a_database_without_force(archive, data_dir):
    database = data_dir / "newsline.sqlite3"
    unchanged = sha256(database)

    result = newsline("restore", str(archive), data_dir=data_dir, check=False)

    assert_refused(result, "A database already exists", "--force")
    assert sha256(database) == unchanged


def test_forced_restore_sets_the_old_files_aside(archive, data_dir):
    database = data_dir / "newsline.sqlite3"
    execute(database, "INSERT INTO taggit_tag (name, slug) VALUES ('before', 'before')")
    (data_dir / "media" / "only-before.txt").write_text("old")
    for stale in ("newsline.sqlite3-wal", "newsline.sqlite3-shm"):
        (data_dir / stale).write_bytes(b"")
    old = sha256(database)

    newsline("restore", str(archive), "--force", data_dir=data_dir)

    assert row_counts(database) == read_manifest(archive)["tables"]
    [kept] = data_dir.glob("newsline.sqlite3.before-restore-*[0-9]")
    assert sha256(kept) == old
    assert {p.name.removeprefix(kept.name) for p in data_dir.glob(f"{kept.name}-*")} == {
        "-wal",
        "-shm",
    }
    assert not (data_dir / "newsline.sqlite3-wal").exists()
    assert not (data_dir / "media" / "only-before.txt").exists()
    assert [p.name for p in data_dir.glob("media.before-restore-*/only-before.txt")]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("truncated", "corrupt or truncated archive"),
        ("tampered", f"Checksum mismatch for {TAMPERED_MEDIA}"),
    ],
)
def test_damaged_archive_is_refused_and_nothing_changes(archive, data_dir, damage, message):
    damaged = data_dir.parent / f"{damage}.tar.gz"
    if damage == "truncated":
        damaged.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    else:
        rewrite_archive(archive, damaged, {TAMPERED_MEDIA: b"x" * 300_000})
    before = sorted(p.name for p in data_dir.iterdir())
    unchanged = sha256(data_dir / "newsline.sqlite3")

    result = newsline("restore", str(damaged), "--force", data_dir=data_dir, check=False)

    assert_refused(result, message)
    assert sha256(data_dir / "newsline.sqlite3") == unchanged
    assert sorted(p.name for p in data_dir.iterdir()) == before
    assert media_checksums(data_dir / "media") == {
        f"media/{name}": hashlib.sha256(content).hexdigest() for name, content in MEDIA.items()
    }


def test_restore_refuses_a_backup_from_newer_code(data_dir, tmp_path):
    execute(
        data_dir / "newsline.sqlite3",
        "INSERT INTO django_migrations (app, name, applied) "
        "VALUES ('news', '9999_from_the_future', '2030-01-01 00:00:00')",
    )
    newsline("backup", "--output", str(tmp_path / "future.tar.gz"), data_dir=data_dir)
    target = tmp_path / "target"

    result = newsline("restore", str(tmp_path / "future.tar.gz"), data_dir=target, check=False)

    assert_refused(result, "made by newer code", "news.9999_from_the_future")
    assert not (target / "newsline.sqlite3").exists()


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_postgresql_is_referred_to_its_own_tools(archive, tmp_path, command):
    args = ["restore", str(archive)] if command == "restore" else ["backup"]
    # Nothing listens on port 1: any attempt to connect would fail with another message.
    url = {"DATABASE_URL": "postgres://nobody@127.0.0.1:1/x"}

    result = newsline(*args, data_dir=tmp_path, env=url, check=False)

    assert_refused(result, "pg_basebackup", "docs/backups.md")
    assert not list(tmp_path.iterdir())


def make_data_dir(data_dir: Path, database: Path) -> Path:
    """A data directory as a site has it: a migrated database, media, the admin password."""
    (data_dir / "media").mkdir(parents=True)
    # The migrate process has exited, so copying the file is safe here (and only here).
    shutil.copy(database, data_dir / "newsline.sqlite3")
    for name, content in MEDIA.items():
        (data_dir / "media" / name).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / "media" / name).write_bytes(content)
    (data_dir / "admin-password.txt").write_text("not-a-real-password\n")
    return data_dir


def environment(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env |= {"NEWSLINE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "newsline.settings.dev"}
    return env | (extra or {})


def newsline(*args, data_dir: Path, env=None, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - our own command, arguments from this file
        [NEWSLINE, *args],
        env=environment(data_dir, env),
        capture_output=True,
        text=True,
        timeout=180,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def python(script: str, *, data_dir: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-c", f"import django\ndjango.setup()\n{script}"],
        env=environment(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result


def start_writer(data_dir: Path, *, log: Path) -> subprocess.Popen:
    writer = subprocess.Popen(  # noqa: S603 - our own script
        [sys.executable, "-c", f"import django\ndjango.setup()\n{WRITER}"],
        env=environment(data_dir),
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
    )
    assert writer.stdout.readline().strip() == "writing", log.read_text()
    return writer


def wait_for_rows(database: Path, table: str, *, above: int) -> int:
    deadline = time.monotonic() + 30
    while (count := row_counts(database, only=table)[table]) <= above:
        assert time.monotonic() < deadline, f"{table} stayed at {count} rows"
        time.sleep(0.05)
    return count


def assert_refused(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json"))


def rewrite_archive(source: Path, target: Path, replace: dict[str, bytes]) -> None:
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            content = replace.get(member.name) or old.extractfile(member).read()
            member.size = len(content)
            new.addfile(member, io.BytesIO(content))


def row_counts(database: Path, only: str | None = None) -> dict[str, int]:
    with closing_ro(database) as conn:
        names = [
            name
            for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type='table'")
            if not name.startswith("sqlite_") and "VIRTUAL" not in sql.upper()
        ]
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # noqa: S608
            for name in names
            if only in (None, name)
        }


def execute(database: Path, sql: str) -> None:
    with closing(sqlite3.connect(database)) as conn, conn:
        conn.execute(sql)


def integrity(database: Path) -> str:
    with closing_ro(database) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def closing_ro(database: Path):
    return closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=20))


def media_checksums(root: Path) -> dict[str, str]:
    return {
        f"media/{path.relative_to(root).as_posix()}": sha256(path)
        for path in root.rglob("*")
        if path.is_file()
    }


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
