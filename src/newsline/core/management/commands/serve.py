import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Newsline with gunicorn (several worker processes)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=settings.NEWSLINE_SERVE_WORKERS)

    def handle(self, *args, bind, workers, **options):
        self.stdout.write(f"Newsline on http://{bind}/ ({workers} workers); Ctrl-C stops it.")
        self.stdout.flush()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "newsline.wsgi",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "5",
        ]
        # Replace this process so signals reach gunicorn directly.
        os.execvp(command[0], command)  # noqa: S606
