import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# A worker that exits is started again after a pause that doubles while it keeps
# exiting quickly, and starts afresh once one has run for a while.
FIRST_RESTART_PAUSE = 1.0
MAX_RESTART_PAUSE = 30.0
STEADY_SECONDS = 60.0
# The web servers `newsline serve` can run; the first is the default
# (docs/decisions/0019-app-server-and-one-read-hits.md has the figures).
SERVERS = ("granian", "gunicorn")
# Seconds a stopping server gives requests in flight.
GRACE_SECONDS = 5


class Command(BaseCommand):
    help = (
        "Serve Newsline with granian (several worker processes; --server gunicorn for "
        "gunicorn), plus one `newsline worker` for scheduled publishing and the task queue "
        "unless --no-worker; a worker that exits is started again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="host:port or unix:PATH")
        parser.add_argument("--workers", type=int, default=settings.NEWSLINE_SERVE_WORKERS)
        parser.add_argument(
            "--threads",
            type=int,
            default=settings.NEWSLINE_SERVE_THREADS,
            help="Threads per worker process (gunicorn: 1 runs its sync workers).",
        )
        parser.add_argument("--server", choices=SERVERS, default=SERVERS[0])
        parser.add_argument(
            "--access-log",
            action="store_true",
            help="A line per request on standard output (nginx in front logs them already).",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the scheduler and task worker (run `newsline worker` elsewhere).",
        )

    def handle(self, *args, bind, workers, threads, server, access_log, no_worker, **options):
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        argv = server_argv(server, bind, workers=workers, threads=threads, access_log=access_log)
        self.stdout.write(
            f"Newsline on http://{bind}/ ({server}, {workers} workers); Ctrl-C stops it."
        )
        self.stdout.flush()
        supervisor = Supervisor(self.stdout, server=argv)
        if not no_worker:
            supervisor.keep_running(_django("worker"))
        signal.signal(signal.SIGTERM, supervisor.stop)
        signal.signal(signal.SIGINT, supervisor.stop)
        sys.exit(supervisor.run())


class Supervisor:
    """Runs the web server until it ends, and keeps the worker running beside it."""

    def __init__(self, out, *, server: list[str]):
        self.out = out
        self.server = _start(server)
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
        self.worker = _start(self.kept)
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


def _start(argv: list[str]) -> subprocess.Popen:
    """A child in a process group of its own, so that only this supervisor gets a
    terminal's Ctrl-C or a signal sent to our group, and stops each child once.
    granian hung now and then when its workers got the signal at the same time
    as their manager: it restarted the "failed" workers while shutting down."""
    return subprocess.Popen(argv, start_new_session=True)  # noqa: S603


def _django(command: str) -> list[str]:
    return [sys.executable, "-m", "django", command]


def server_argv(server: str, bind: str, *, workers: int, threads: int, access_log: bool):
    """The command line that runs ``server`` with Newsline's WSGI application."""
    if server == "gunicorn":
        return _gunicorn(bind, workers, threads, access_log)
    return _granian(bind, workers, threads, access_log)


def _gunicorn(bind: str, workers: int, threads: int, access_log: bool) -> list[str]:
    argv = [sys.executable, "-m", "gunicorn", "newsline.wsgi", "--bind", bind]
    argv += ["--workers", str(workers), "--threads", str(threads)]
    argv += ["--graceful-timeout", str(GRACE_SECONDS)]
    return argv + (["--access-logfile", "-"] if access_log else [])


def _granian(bind: str, workers: int, threads: int, access_log: bool) -> list[str]:
    argv = [sys.executable, "-m", "granian", "--interface", "wsgi", "--no-ws"]
    if bind.startswith("unix:"):
        argv += ["--uds", bind.removeprefix("unix:")]
    else:
        host, _, port = bind.rpartition(":")
        argv += ["--host", host.strip("[]") or "127.0.0.1", "--port", port]
    argv += ["--workers", str(workers), "--blocking-threads", str(threads)]
    # As gunicorn does: a worker that dies is replaced.
    argv += ["--respawn-failed-workers", "--workers-kill-timeout", str(GRACE_SECONDS)]
    argv += ["--access-log"] if access_log else []
    return [*argv, "newsline.wsgi:application"]
