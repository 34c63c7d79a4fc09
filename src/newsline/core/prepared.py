"""Queries built once per process and run with each call's values.

Building a Django query costs more than running it here: a story's list of
published neighbours spends most of its time turning filters, subqueries and
joins into SQL, and that SQL is the same for every story but for a few values.
``PreparedIds`` builds the query once (per database vendor and form) with
stand-in values, keeps its SQL, and for each call puts the real values where
the stand-ins were. It yields ids as a ``RawSQL`` subquery for a cheap outer
query (``Model.objects.filter(pk__in=...)``), so model loading stays Django's.

A stand-in is a value no real query uses (a negative id, a moment in 1900); a
build whose SQL lost one (the ORM folded it away) is refused at once, so a
query that cannot be prepared fails loudly in tests, never silently wrong.
"""

from collections.abc import Callable
from datetime import UTC, datetime

from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.models.query import QuerySet

FIRST_ID_STAND_IN = -911_000_000


class PreparedIds:
    """``build(**stand_ins)`` returns a queryset of one column of ids; calling the
    prepared query with the real values returns it as a ``RawSQL`` subquery.

    ``ids``: the names of integer values; ``moments``: of datetime values;
    ``texts``: of strings. Any other value (a limit) is built into the SQL, so
    each distinct set of them is a query of its own, built once: keep them few.
    """

    def __init__(
        self,
        build: Callable[..., QuerySet],
        *,
        ids: tuple[str, ...] = (),
        moments: tuple[str, ...] = (),
        texts: tuple[str, ...] = (),
    ):
        self.build = build
        self.ids = ids
        self.moments = moments
        self.texts = texts
        self._built: dict = {}

    def __call__(self, **values) -> RawSQL:
        """The query with ``values`` as a subquery (``pk__in=...``)."""
        return RawSQL(*self._sql(values))  # noqa: S611 - the ORM's SQL; values as parameters

    def rows(self, **values) -> list[tuple]:
        """The query's rows with ``values``, run as it stands."""
        with connection.cursor() as cursor:
            cursor.execute(*self._sql(values))
            return cursor.fetchall()

    def _sql(self, values: dict) -> tuple[str, list]:
        named = {*self.ids, *self.moments, *self.texts}
        rest = {name: value for name, value in values.items() if name not in named}
        key = (connection.vendor, tuple(sorted(rest.items())))
        if key not in self._built:
            self._built[key] = self._prepare(rest)
        sql, template, slots = self._built[key]
        real = {slot: self._adapted(name, values[name]) for name, slot in slots.items()}
        return sql, [real.get(_hashable(value), value) for value in template]

    def _prepare(self, rest: dict):
        stand_ins = {name: FIRST_ID_STAND_IN - number for number, name in enumerate(self.ids)}
        stand_ins |= {
            name: datetime(1900, 1, 1, 0, 0, number + 1, tzinfo=UTC)
            for number, name in enumerate(self.moments)
        }
        stand_ins |= {name: f"newsline-stand-in-{name}-7f3a" for name in self.texts}
        sql, template = self.build(**stand_ins, **rest).query.sql_with_params()
        slots = {name: _hashable(self._adapted(name, value)) for name, value in stand_ins.items()}
        present = {_hashable(value) for value in template}
        missing = [name for name, slot in slots.items() if slot not in present]
        if missing:
            raise ValueError(f"The prepared query lost its stand-ins for {missing}")
        return sql, template, slots

    def _adapted(self, name: str, value):
        if name in self.moments:
            return connection.ops.adapt_datetimefield_value(value)
        return value


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value
