"""Error pages that must work when the rest of the site cannot."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger("newsline")

RETRY_AFTER_SECONDS = 30
# Connection-level failures: the database is down, restarting or unreachable.
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_outage(error) -> bool:
    return isinstance(error, OUTAGE_ERRORS) or isinstance(
        getattr(error, "__cause__", None), OUTAGE_ERRORS
    )


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
