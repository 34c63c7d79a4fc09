import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from newsline.news.demo.build import build_demo, demo_exists, demo_loaded, ensure_admin

INLINE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Command(BaseCommand):
    help = "Create the invented demo outlet once (idempotent) and print the admin login."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--stories", type=int, default=110, help="stories per language")

    def handle(self, *args, **options):
        if demo_exists() and not demo_loaded():
            # A real outlet (``newsline init``): no invented stories, and no demo
            # administrator with a password written to a file.
            raise CommandError(
                "This database holds a real outlet, not the demo: nothing was changed. "
                "The demo needs an empty database (another NEWSLINE_DATA_DIR or DATABASE_URL)."
            )
        if demo_exists():
            self.stdout.write("Demo content is already loaded; nothing to do.")
        else:
            started = time.monotonic()
            # Index references and search entries as each object is made, not from
            # the queue later: by then the demo has replaced some of them (bylines),
            # and the first `newsline serve` logged a failed task for each.
            with override_settings(TASKS=INLINE_TASKS):
                summary = build_demo(seed=options["seed"], per_language=options["stories"])
            self.stdout.write(
                f"Created {summary.stories} stories, {summary.translations} translations and "
                f"{summary.images} pictures in {time.monotonic() - started:.0f} s."
            )
        username, password = ensure_admin(settings.DATA_DIR / "admin-password.txt")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/  user: {username}  "
                f"password: {password}"
            )
        )
