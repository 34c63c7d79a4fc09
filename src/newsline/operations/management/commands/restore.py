"""`newsline restore PATH`: put a backup from `newsline backup` in place, verified first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsline.operations import backup


class Command(BaseCommand):
    help = (
        "Restore the database, media and data files from a `newsline backup` archive. "
        "The archive is verified completely before anything is replaced; stop Newsline first."
    )
    # Works on files, not through the ORM, and must run even when a check would fail.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="an archive written by `newsline backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace an existing database (kept as <name>.before-restore-<time>)",
        )
        parser.add_argument(
            "--check", action="store_true", help="only verify the archive; change nothing"
        )

    def handle(self, *args, path, force, check, verbosity, **options):
        try:
            if check:
                manifest = backup.verify_backup(source=path)
            else:
                report = backup.restore_backup(source=path, force=force)
                manifest = report.manifest
        except (backup.BackupError, OSError) as exc:
            raise CommandError(f"{'Check' if check else 'Restore'} failed: {exc}") from exc
        self.stdout.write(f"{path} is a sound backup" if check else f"Restored {path}")
        for line in manifest.summary():
            self.stdout.write(f"  {line}")
        if verbosity > 1:
            for table, count in manifest.tables.items():
                self.stdout.write(f"  {table}: {count}")
        if not check:
            self._write_next_steps(report)

    def _write_next_steps(self, report: backup.RestoreReport) -> None:
        for path in report.set_aside:
            self.stdout.write(f"  the replaced files are kept at {path}")
        if report.needs_migrate:
            self.stdout.write("Run `newsline migrate`: this code has newer migrations.")
        self.stdout.write("Caches cleared; purge the CDN too if one caches pages.")
