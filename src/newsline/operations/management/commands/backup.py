"""`newsline backup`: one archive of the embedded database, the media and the data files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsline.operations import backup


class Command(BaseCommand):
    help = (
        "Back up the SQLite database (a consistent snapshot, safe while Newsline runs), the "
        "media and the data files into one .tar.gz with a manifest of checksums. "
        "For PostgreSQL see docs/backups.md."
    )
    # Works on files, not through the ORM, and must run even when a check would fail.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="the archive's path, or a directory for a timestamped name "
            "(default: $NEWSLINE_DATA_DIR/backups/)",
        )

    def handle(self, *args, output, **options):
        destination = backup.backup_destination(output=output)
        try:
            manifest = backup.create_backup(destination=destination)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
        size = destination.stat().st_size / 1_000_000
        self.stdout.write(f"Backup written to {destination} ({size:.1f} MB)")
        for line in manifest.summary():
            self.stdout.write(f"  {line}")
