"""Times read from PostgreSQL parsed in psycopg's C code.

Django loads every ``timestamptz`` through a subclass of psycopg's pure-Python
loader (to give each value Django's time zone), so with psycopg's C build
installed the times in a page's rows were still parsed in Python: 3.6 µs a
value here against 0.4, a millisecond or more of a list page at a million
stories. Where Django's zone for the connection is UTC (``USE_TZ`` without a
database ``TIME_ZONE``: the session's zone, which the C loader reads, is then
UTC too), the C loader gives the same values with the same ``tzinfo``; its
``timezone`` attribute tells Django's cursor that nothing is left to correct.
"""

from datetime import UTC

from psycopg.adapt import Loader

try:
    from psycopg_binary._psycopg import TimestamptzLoader as _CLoader
except ImportError:  # psycopg without its C build: Django's own loader stays
    _CLoader = None


class UtcTimestamptzLoader(Loader):
    # What Django's cursor compares with its connection's zone (``create_cursor``).
    timezone = UTC

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        self._parse = _CLoader(oid, context).load

    def load(self, data):
        return self._parse(data)


def parse_times_in_c(sender, connection, **kwargs) -> None:
    """``connection_created``: on PostgreSQL in UTC, times parsed in C."""
    if connection.vendor != "postgresql" or _CLoader is None:
        return
    if connection.timezone is not UTC or connection.timezone_name != "UTC":
        return
    connection.connection.adapters.register_loader("timestamptz", UtcTimestamptzLoader)
