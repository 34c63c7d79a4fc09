"""The test suite: fast hashing, files and caches in memory, in-memory SQLite unless
DATABASE_URL names another database."""

from .base import *  # noqa: F403
from .env import ENV

DEBUG = False
SECRET_KEY = "newsline-tests-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not ENV.database_url:
    DATABASES = {  # noqa: F405
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    }
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "newsline"}
    for alias in ("default", "purge")
}
NEWSLINE_PAGE_CACHE = False  # the page cache tests switch it on
# Tasks (search indexing, CDN purges) run inline; tests of the queue switch to
# the database backend and run a worker themselves.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# django-axes warns about a process-local cache: every test runs in one process,
# where a local-memory cache counts sign-in failures exactly as Redis does.
SILENCED_SYSTEM_CHECKS = ["axes.W001"]
