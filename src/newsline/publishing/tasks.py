"""Purges of our own cache that could not reach it, retried from the queue."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import store

logger = logging.getLogger("newsline.publishing")

MAX_ATTEMPTS = 12  # backoff 2, 4 … 60 s: about ten minutes, the pages' lifetime


@task()
def purge_keys(keys: list[str], attempt: int = 1) -> None:
    """Purge ``keys`` from the page cache, re-queueing itself with backoff while
    the cache is unreachable."""
    try:
        store.purge(keys)
    except Exception as exc:
        if attempt >= MAX_ATTEMPTS or not purge_keys.get_backend().supports_defer:
            logger.error("Gave up purging %d cache keys: %s", len(keys), exc)
            raise
        delay = timedelta(seconds=min(60, 2**attempt))
        purge_keys.using(run_after=timezone.now() + delay).enqueue(keys, attempt + 1)
