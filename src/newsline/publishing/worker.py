"""``newsline worker``: scheduled publishing and the task queue, riding out outages.

Neither loop may end because the database or Redis went away for a while: each
failure is logged once per outage, remembered, and retried with back-off (at most
``MAX_PAUSE`` seconds between tries, so a story due during an outage goes live
within seconds of the database's return). Every ``BEAT_SECONDS`` the worker
writes its health (last beat, last error) to ``WorkerHealth`` for the admin;
what happened while the database was unreachable is written when it is back.
"""

import logging
import os
import socket
import threading
import time
import traceback
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import close_old_connections, connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from newsline.ingest import polling
from newsline.ingest import tasks as ingest_tasks

from . import scheduler
from .models import WorkerHealth

logger = logging.getLogger("newsline.publishing")

BEAT_SECONDS = 5.0
FIRST_PAUSE = 0.25
MAX_PAUSE = 2.0
# A loop that ran this long before failing starts its back-off afresh.
CALM_SECONDS = 30.0
FORGET_AFTER = timedelta(days=1)


@dataclass
class Health:
    """What this process knows of itself; written to the database when it can be."""

    worker_id: str
    started_at: datetime = field(default_factory=timezone.now)
    last_error: str = ""
    last_error_at: datetime | None = None
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def for_this_process(cls) -> "Health":
        return cls(worker_id=f"{socket.gethostname()}:{os.getpid()}")

    def failed(self, where: str, error: BaseException) -> None:
        with self.lock:
            self.errors += 1
            self.last_error = f"{where}: {''.join(traceback.format_exception_only(error)).strip()}"
            self.last_error_at = timezone.now()

    def write(self) -> None:
        """Record a beat; raises if the database cannot be reached."""
        host, pid = self.worker_id.rsplit(":", 1)
        with self.lock:
            values = {
                "host": host,
                "pid": int(pid),
                "started_at": self.started_at,
                "beat_at": timezone.now(),
                "last_error": self.last_error,
                "last_error_at": self.last_error_at,
                "errors": self.errors,
            }
        WorkerHealth.objects.update_or_create(worker_id=self.worker_id, defaults=values)


class Backoff:
    """Pauses that double from ``FIRST_PAUSE`` to ``MAX_PAUSE`` while failures go on."""

    def __init__(self):
        self.pause = FIRST_PAUSE
        self.since = time.monotonic()

    def next_pause(self) -> float:
        if time.monotonic() - self.since > CALM_SECONDS:
            self.pause = FIRST_PAUSE
        pause, self.pause = self.pause, min(self.pause * 2, MAX_PAUSE)
        return pause

    def succeeded(self) -> None:
        self.pause = FIRST_PAUSE
        self.since = time.monotonic()


def _drop_connections() -> None:
    """After a failure the thread's connection may be dead; the next query opens anew."""
    for connection in connections.all(initialized_only=True):
        with suppress(Exception):  # a dead connection may fail to close
            connection.close()


def schedule_forever(stop: threading.Event, health: Health, interval: float) -> None:
    """Scheduled go-live and expiry every ``interval`` seconds, wire sources whose
    poll is due handed to the task queue, and the heartbeat."""
    backoff, last_beat, failing = Backoff(), 0.0, False
    while not stop.is_set():
        close_old_connections()
        try:
            scheduler.run_due()
            polling.enqueue_due(ingest_tasks.poll_source.enqueue)
            if time.monotonic() - last_beat >= BEAT_SECONDS or failing:
                health.write()
                last_beat = time.monotonic()
        except Exception as error:  # noqa: BLE001 - an outage must not end the loop
            if not failing:
                logger.warning("Scheduled publishing paused: %s; retrying", error)
            failing = True
            health.failed("schedule", error)
            _drop_connections()
            stop.wait(backoff.next_pause())
            continue
        if failing:
            logger.warning("Scheduled publishing resumed")
        failing = False
        backoff.succeeded()
        stop.wait(interval)


def queue_forever(queue: Worker, health: Health) -> None:
    """The task queue (CDN purges, indexing), restarted after any failure."""
    backoff = Backoff()
    while queue.running:
        try:
            queue.run()
        except Exception as error:  # noqa: BLE001 - an outage must not end the worker
            logger.warning("Task queue paused: %s; retrying", error)
            health.failed("queue", error)
            _drop_connections()
            time.sleep(backoff.next_pause())
        else:
            return


def forget_old_workers() -> None:
    """Rows of workers silent for a day (stopped or moved) leave the admin's list."""
    WorkerHealth.objects.filter(beat_at__lt=timezone.now() - FORGET_AFTER).delete()


def task_queue(interval: float, worker_id: str) -> Worker:
    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
