import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

# A worker that exits is started again after a pause that doubles while it keeps
# exiting quickly, and starts afresh once one has run for a while.
FIRST_RESTART_PAUSE = 1.0
MAX_RESTART_PAUSE = 30.0
STEADY_SECONDS = 60.0


class Command(BaseCommand):
    help = (
        "Serve Newsline with gunicorn (several worker processes), plus one `newsline worker` "
        "for scheduled publishing and the task queue unless --no-worker; a worker that "
        "exits is started again."
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
        supervisor = Supervisor(self.stdout, server=_gunicorn(bind, workers))
        if not no_worker:
            supervisor.keep_running(_django("worker"))
        signal.signal(signal.SIGTERM, supervisor.stop)
        signal.signal(signal.SIGINT, supervisor.stop)
        sys.exit(supervisor.run())


class Supervisor:
    """Runs the web server until it ends, and keeps the worker running beside it."""

    def __init__(self, out, *, server: list[str]):
        self.out = out
        self.server = subprocess.Popen(server)  # noqa: S603
        self.kept: list[str] | None = None
        self.worker: subprocess.Popen | None = None
        self.started_at = 0.0
        self.stopping = False
        self.pause = FIRST_RESTART_PAUSE
        self.restart_at = 0.0

    def keep_running(self, argv: list[str]) -> None:
        self.kept = argv
        self._start_worker()

    def run(self) -> int:
        while self.server.poll() is None:
            self._look_after_worker()
            time.sleep(0.2)
        self.stop()
        for child in self._children():
            child.wait(timeout=15)
        return self.server.returncode

    def stop(self, signum=None, frame=None) -> None:
        self.stopping = True
        for child in self._children():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    def _children(self):
        return [child for child in (self.server, self.worker) if child is not None]

    def _start_worker(self) -> None:
        self.worker = subprocess.Popen(self.kept)  # noqa: S603
        self.started_at = time.monotonic()

    def _look_after_worker(self) -> None:
        if self.kept is None or self.stopping or self.worker.poll() is None:
            return
        now = time.monotonic()
        if self.restart_at == 0.0:  # it has just exited: wait, then start another
            if now - self.started_at > STEADY_SECONDS:
                self.pause = FIRST_RESTART_PAUSE
            self.out.write(
                f"Newsline worker exited with {self.worker.returncode}; "
                f"starting another in {self.pause:g} s."
            )
            self.out.flush()
            self.restart_at = now + self.pause
            self.pause = min(self.pause * 2, MAX_RESTART_PAUSE)
        elif now >= self.restart_at:
            self.restart_at = 0.0
            self._start_worker()


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
