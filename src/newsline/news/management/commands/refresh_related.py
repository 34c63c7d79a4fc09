"""``newsline refresh_related``: every published story's related stories worked out
anew (after an upgrade, an import or a change of NEWSLINE_RELATED_METHOD)."""

import time

from django.core.management.base import BaseCommand

from newsline.news.related import services


class Command(BaseCommand):
    help = "Work out every published story's related stories again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--method",
            choices=["words", "meaning"],
            help="compare by this method (default: as NEWSLINE_RELATED_METHOD says per language)",
        )

    def handle(self, *args, method=None, **options):
        started = time.monotonic()
        count = services.refresh_all_related(using=method)
        seconds = time.monotonic() - started
        self.stdout.write(f"Related stories worked out for {count} stories in {seconds:.0f} s.")
