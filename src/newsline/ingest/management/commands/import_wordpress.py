"""``newsline import_wordpress``: a WordPress export (WXR) into stories."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsline.ingest.items import DocumentError
from newsline.ingest.services import Tally, record_run
from newsline.ingest.sources import wordpress as wxr
from newsline.ingest.wordpress import Counts, destination_for, import_export

INTERRUPTED = 130


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export, a WXR file): newsline import_wordpress "
        "FILE.xml [--language L] [--section-for-uncategorised SLUG] [--media-dir DIR]. "
        "Run it again to go on after an interruption: nothing is imported twice. The last "
        "line counts what happened; exit 1 when anything was rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", metavar="FILE.xml")
        parser.add_argument("--language", default="", help="else the export's own language")
        parser.add_argument(
            "--section-for-uncategorised",
            dest="uncategorised",
            default="",
            metavar="SLUG",
            help="the section of posts in no category but WordPress's default one",
        )
        parser.add_argument(
            "--media-dir",
            type=Path,
            metavar="DIR",
            help="a copy of wp-content/uploads to read pictures from, instead of fetching them",
        )

    def handle(self, *args, export, language, uncategorised, media_dir, **options):
        counts = Counts()
        if language and language not in dict(settings.LANGUAGES):
            self._stop(counts, f"unknown language {language!r}")
        try:
            read = wxr.read(Path(export))
        except Exception as error:  # refused as a whole (or a slip): nothing is written
            counts.rejected = 1
            self.stdout.write(_line(f"rejected {export}: {_reason(error)}"))
            self.stdout.write(counts.line)
            sys.exit(1)
        try:
            destination = destination_for(
                export=read, language=language, uncategorised=uncategorised, media_dir=media_dir
            )
        except ValueError as error:
            self._stop(counts, str(error))
        rejections = self._import(read, destination, counts, export)
        self._record(export, counts, rejections)
        self.stdout.write(counts.line)
        if counts.rejected:
            sys.exit(1)

    def _import(self, read, destination, counts: Counts, export: str) -> list:
        """Every post, counted into ``counts``; the rejections, for the run's record."""
        progress = tqdm(
            total=read.items, unit="post", file=sys.stderr, disable=not sys.stderr.isatty()
        )
        rejections = []

        def report(outcome):
            progress.update(1)
            counts.add(outcome.counts)
            with progress.external_write_mode():
                if outcome.reason:
                    rejections.append((outcome.ref, outcome.reason))
                    self.stdout.write(_line(f"rejected {outcome.ref}: {outcome.reason}"))
                for note in outcome.notes:
                    self.stderr.write(_line(f"note {outcome.ref}: {note}"))

        try:
            import_export(export=read, destination=destination, on_outcome=report)
        except KeyboardInterrupt:
            progress.close()
            self.stderr.write("interrupted: run the same command again to go on")
            self.stdout.write(counts.line)
            sys.exit(INTERRUPTED)
        except Exception as error:  # the file changed or went away between readings
            counts.rejected += 1
            rejections.append((export, _reason(error)))
            self.stdout.write(_line(f"rejected {export}: {_reason(error)}"))
        progress.close()
        return rejections

    def _stop(self, counts: Counts, reason: str):
        self.stdout.write(counts.line)
        raise CommandError(reason)

    def _record(self, export: str, counts: Counts, rejections: list) -> None:
        """The run in the wire desk's list: stories as created, skipped as unchanged."""
        tally = Tally(rejections=rejections)
        tally.counts.update(
            created=counts.stories, unchanged=counts.skipped, rejected=counts.rejected
        )
        record_run(label=f"newsline import_wordpress {export}", tally=tally)


def _reason(error: Exception) -> str:
    if isinstance(error, DocumentError):
        return str(error)
    return f"could not be read ({error.__class__.__name__}: {error})"


def _line(text: str) -> str:
    """One line, whatever the export put in a title or an error put in its message."""
    return " ".join(text.split())
