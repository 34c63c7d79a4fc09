import logging
import threading

from django.core.management.base import BaseCommand
from django_tasks_db.management.commands.db_worker import Worker

from newsline.publishing import scheduler

logger = logging.getLogger("newsline.publishing")


class Command(BaseCommand):
    help = (
        "Run scheduled publishing and expiry (every second) and the background task "
        "queue (CDN purges). `newsline serve` starts one; start more on other nodes freely."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=scheduler.INTERVAL_SECONDS)

    def handle(self, *args, interval, **options):
        stop = threading.Event()
        schedule = threading.Thread(
            target=scheduler.run_forever, args=(stop, interval), name="schedule", daemon=True
        )
        schedule.start()
        self.stdout.write(f"Newsline worker: schedules every {interval:g} s, task queue.")
        self.stdout.flush()
        queue = Worker(
            queue_names=["default"],
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"newsline-{threading.get_native_id()}",
            excluded_queue_names=[],
        )
        queue.configure_signals()
        try:
            queue.run()
        finally:
            stop.set()
