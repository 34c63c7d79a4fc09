import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve Newsline with gunicorn (several worker processes), plus one `newsline worker` "
        "for scheduled publishing and the task queue unless --no-worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=settings.NEWSLINE_SERVE_WORKERS)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the scheduler and task worker (run `newsline worker` elsewhere).",
        )

    def handle(self, *args, bind, workers, no_worker, **options):
        self.stdout.write(f"Newsline on http://{bind}/ ({workers} workers); Ctrl-C stops it.")
        self.stdout.flush()
        children = [] if no_worker else [subprocess.Popen(_django("worker"))]  # noqa: S603
        server = subprocess.Popen(_gunicorn(bind, workers))  # noqa: S603
        children.append(server)

        def stop(signum, frame):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        code = server.wait()
        stop(None, None)
        for child in children:
            child.wait(timeout=15)
        sys.exit(code)


def _django(command: str) -> list[str]:
    return [sys.executable, "-m", "django", command]


def _gunicorn(bind: str, workers: int) -> list[str]:
    return [
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
