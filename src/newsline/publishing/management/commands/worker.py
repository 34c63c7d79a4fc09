import threading

from django.core.management.base import BaseCommand

from newsline.publishing import scheduler, worker


class Command(BaseCommand):
    help = (
        "Run scheduled publishing and expiry (every second) and the background task "
        "queue (CDN purges, indexing), riding out database and Redis outages. "
        "`newsline serve` starts one and restarts it if it exits; start more on other "
        "nodes freely."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=scheduler.INTERVAL_SECONDS)

    def handle(self, *args, interval, **options):
        health = worker.Health.for_this_process()
        try:
            worker.forget_old_workers()
        except Exception as error:  # noqa: BLE001 - the database may still be starting
            health.failed("start", error)
        stop = threading.Event()
        schedule = threading.Thread(
            target=worker.schedule_forever,
            args=(stop, health, interval),
            name="schedule",
            daemon=True,
        )
        schedule.start()
        self.stdout.write(
            f"Newsline worker {health.worker_id}: schedules every {interval:g} s, task queue."
        )
        self.stdout.flush()
        queue = worker.task_queue(interval, f"newsline-{health.worker_id}")
        queue.configure_signals()
        try:
            worker.queue_forever(queue, health)
        finally:
            stop.set()
