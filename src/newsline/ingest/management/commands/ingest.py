"""``newsline ingest``: the wire pipeline by hand, on files or addresses."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsline.ingest import sources
from newsline.ingest.fetch import FetchError, fetch
from newsline.ingest.items import DocumentError
from newsline.ingest.models import WireSource
from newsline.ingest.services import (
    REJECTED,
    Outcome,
    Tally,
    Target,
    ingest_document,
    record_run,
)
from newsline.news.models import SectionPage


class Command(BaseCommand):
    help = (
        "Read wire files or addresses into stories: newsline ingest [--source NAME] "
        "[--format rss|atom|ninjs|newsml] [--language L] [--section SLUG] [--publish] "
        "PATH_OR_URL... The last line counts what happened; exit 1 when anything was rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--source", help="a wire source's name: its settings and identity")
        parser.add_argument("--format", choices=sorted(sources.FORMATS), help="else detected")
        parser.add_argument("--language", help="the language the items are in")
        parser.add_argument("--section", help="a section's slug in that language")
        parser.add_argument("--publish", action="store_true", help="publish, not drafts")

    def handle(self, *args, inputs, source, format, language, section, publish, **options):
        try:
            target, wire_source = _target(source, language, section, publish)
        except CommandError as error:
            self.stdout.write(f"created 0, updated 0, unchanged 0, rejected 0 ({error})")
            raise
        total = Tally()
        progress = tqdm(
            total=len(inputs), unit="file", file=sys.stderr, disable=not sys.stderr.isatty()
        )
        for given in inputs:
            tally = self._one(given, target, format)
            for name, count in tally.counts.items():
                total.counts[name] += count
            total.rejections += tally.rejections
            record_run(label=f"newsline ingest {given}", tally=tally, source=wire_source)
            progress.update(1)
        progress.close()
        self.stdout.write(total.line)
        if total.counts[REJECTED]:
            sys.exit(1)

    def _one(self, given: str, target: Target, format_code: str | None) -> Tally:
        def report(outcome):
            if outcome.result == REJECTED:
                self.stdout.write(f"rejected {outcome.ref or given}: {outcome.reason}")
            for note in outcome.notes:
                self.stderr.write(f"note {outcome.ref}: {note}")

        try:
            data, folder = _read(given)
        except DocumentError as error:
            tally, unread = Tally(), Outcome(REJECTED, given, str(error))
            tally.add(unread)
            report(unread)
            return tally
        local = Target(**{**target.__dict__, "folder": target.folder or folder})
        return ingest_document(target=local, data=data, format_code=format_code, on_outcome=report)


def _target(source_name, language, section_slug, publish) -> tuple[Target, WireSource | None]:
    source = None
    if source_name:
        source = WireSource.objects.filter(name=source_name).first()
        if source is None:
            raise CommandError(f"no wire source named {source_name!r}")
    language = language or (source.language if source else settings.LANGUAGE_CODE)
    if language not in dict(settings.LANGUAGES):
        raise CommandError(
            f"unknown language {language!r}; languages: {', '.join(dict(settings.LANGUAGES))}"
        )
    section = source.section if source and not section_slug else None
    if section_slug:
        section = SectionPage.objects.filter(
            slug=section_slug, locale__language_code=language
        ).first()
        if section is None:
            raise CommandError(f"no section {section_slug!r} in {language!r}")
    return (
        Target(
            language=language,
            section=section,
            publish=publish or bool(source and source.publish),
            kind_words=source.kind_mapping if source else {},
            source_key=source.name if source else "",
        ),
        source,
    )


def _read(given: str) -> tuple[bytes, Path | None]:
    limit = settings.NEWSLINE_INGEST_MAX_DOCUMENT_BYTES
    if given.lower().startswith(("http://", "https://")):
        try:
            return fetch(given, max_bytes=limit).body, None
        except FetchError as error:
            raise DocumentError(str(error)) from error
    path = Path(given)
    if not path.is_file():
        raise DocumentError("no such file")
    if path.stat().st_size > limit:
        raise DocumentError(f"the file is {path.stat().st_size:,} bytes; the limit is {limit:,}")
    return path.read_bytes(), path.parent
