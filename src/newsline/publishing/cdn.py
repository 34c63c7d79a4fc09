"""Purging a CDN or proxy (Varnish, nginx, Cloudflare, CloudFront) by address,
out of the request path, with timeouts and retries.

Publishing never waits for a CDN: the signal handler enqueues ``purge_cdn``
on the task queue, which ``newsline worker`` runs. A purge that still fails
after ``NEWSLINE_PURGE_ATTEMPTS`` tries is logged and recorded as a
``PurgeFailure`` that admins see in the Wagtail admin.
"""

import logging
import socket
import time
from contextlib import contextmanager
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django_tasks import task
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends

from .models import PurgeFailure

logger = logging.getLogger("newsline.publishing")


class PurgeError(Exception):
    pass


class HTTPPurgeBackend(BaseBackend):
    """``PURGE`` requests to Varnish or nginx, like Wagtail's HTTPBackend, but with
    a timeout and an exception on failure (Wagtail's waits forever and only logs)."""

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.scheme, self.netloc = location.scheme, location.netloc

    def purge(self, url) -> None:
        parts = urlsplit(url)
        target = urlunsplit([self.scheme, self.netloc, parts.path, parts.query, ""])
        request = Request(target, method="PURGE", headers={"Host": parts.netloc})  # noqa: S310
        try:
            with urlopen(request, timeout=settings.NEWSLINE_PURGE_TIMEOUT):  # noqa: S310
                pass
        except HTTPError as exc:
            if exc.code != 404:  # not cached there: nothing to purge
                raise PurgeError(f"{target}: HTTP {exc.code}") from exc
        except (URLError, OSError) as exc:
            raise PurgeError(f"{target}: {exc}") from exc


class _ErrorLog(logging.Handler):
    """Wagtail's own backends log failures instead of raising; collect them."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextmanager
def _failures_raised():
    handler = _ErrorLog()
    wagtail_logger = logging.getLogger("wagtail.frontendcache")
    wagtail_logger.addHandler(handler)
    previous_timeout = socket.getdefaulttimeout()
    # Wagtail's Cloudflare and CloudFront clients set no timeout of their own.
    socket.setdefaulttimeout(settings.NEWSLINE_PURGE_TIMEOUT)
    try:
        yield
    finally:
        socket.setdefaulttimeout(previous_timeout)
        wagtail_logger.removeHandler(handler)
    if handler.messages:
        raise PurgeError("; ".join(handler.messages))


def purge_with(name: str, backend, urls: list[str], *, attempts: int, pause: float) -> bool:
    """Try a backend up to ``attempts`` times; record the failure if all fail."""
    error = ""
    for attempt in range(1, attempts + 1):
        try:
            with _failures_raised():
                backend.purge_batch(urls)
            return True
        except Exception as exc:  # noqa: BLE001 - any failure of a CDN is retried
            error = str(exc) or type(exc).__name__
            logger.warning("CDN purge via %s failed (attempt %d): %s", name, attempt, error)
            if attempt < attempts:
                time.sleep(pause * 2 ** (attempt - 1))
    logger.error("CDN purge via %s gave up after %d attempts: %s", name, attempts, error)
    PurgeFailure.objects.create(backend=name, error=error, urls=urls, attempts=attempts)
    return False


@task()
def purge_cdn(urls: list[str]) -> None:
    """Purge ``urls`` (absolute) from every configured CDN."""
    for name, backend in get_backends(settings.WAGTAILFRONTENDCACHE).items():
        wanted = [url for url in urls if backend.invalidates_hostname(urlsplit(url).hostname)]
        if wanted:
            purge_with(
                name,
                backend,
                wanted,
                attempts=settings.NEWSLINE_PURGE_ATTEMPTS,
                pause=settings.NEWSLINE_PURGE_PAUSE,
            )


def is_configured() -> bool:
    return bool(settings.WAGTAILFRONTENDCACHE)
