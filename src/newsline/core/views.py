"""Error pages that must work when the rest of the site cannot."""

import logging
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger("newsline")

RETRY_AFTER_SECONDS = 30
# SQLSTATE classes that mean the server cannot serve us now: connection
# exception, insufficient resources (too many connections), operator
# intervention (shutdown, crash recovery). A bad query (class 42) is a bug.
_OUTAGE_SQLSTATE_CLASSES = ("08", "53", "57")
# Drivers' words for a database that is gone or busy, for errors that carry no
# SQLSTATE (a refused connection, SQLite's file-level failures).
_OUTAGE_WORDS = (
    "connection",
    "could not connect",
    "server closed",
    "terminating",
    "timeout expired",
    "the database system is",
    "database is locked",
    "unable to open database file",
    "disk i/o error",
)


def is_outage(error) -> bool:
    """Whether ``error`` says the database cannot be reached, as opposed to a
    query that is wrong (SQLite reports "no such column" as an OperationalError
    too, and that is a bug to show as one, not an outage)."""
    if isinstance(error, InterfaceError):  # the connection is already closed
        return True
    if not isinstance(error, OperationalError):
        cause = getattr(error, "__cause__", None)
        return cause is not None and cause is not error and is_outage(cause)
    driver_error = error.__cause__ or error
    sqlstate = getattr(driver_error, "sqlstate", None)
    if sqlstate:
        return sqlstate[:2] in _OUTAGE_SQLSTATE_CLASSES
    message = str(driver_error).lower()
    return any(word in message for word in _OUTAGE_WORDS)


def server_error(request):
    """500, except when the database is unreachable: then a branded 503 with
    ``Retry-After`` (readers and crawlers come back; editors learn their save did
    not go through). Neither page touches the database."""
    error = sys.exc_info()[1]
    if not is_outage(error):
        return django_server_error(request)
    logger.warning("Database unavailable: %s", error)
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception):
    """400. A form over the size or field limit (an editor pasting a whole book)
    gets a page that names the limits and says nothing saved was lost, instead of
    Django's bare "Bad Request"."""
    if not isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        return django_bad_request(request, exception)
    context = {
        "megabytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024) or 1,
        "fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
    }
    response = HttpResponse(loader.get_template("400.html").render(context), status=400)
    response["Cache-Control"] = "no-store"
    return response
