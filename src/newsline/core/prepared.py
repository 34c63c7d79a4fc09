"""Queries built once per process and run with each call's values.

Building a Django query costs more than running it here: a story's list of
published neighbours spends most of its time turning filters, subqueries and
joins into SQL, and that SQL is the same for every story but for a few values.
``PreparedIds`` builds the query once (per database vendor and form) with
stand-in values, keeps its SQL, and for each call puts the real values where
the stand-ins were. It yields ids as a ``RawSQL`` subquery (``Model.objects.filter(pk__in=...)``);
``PreparedObjects`` goes one step further for the reads every page makes: the
whole model query (its joins, ``only()``, annotations and order) is compiled once,
and each call runs that SQL through Django's own model loading, so instances,
``select_related`` rows and prefetches are exactly what the queryset would give.

A stand-in is a value no real query uses (a negative id, a moment in 1900); a
build whose SQL lost one (the ORM folded it away) is refused at once, so a
query that cannot be prepared fails loudly in tests, never silently wrong.
"""

import copy
from collections.abc import Callable
from datetime import UTC, datetime

from django.db import connection, connections
from django.db.models.expressions import RawSQL
from django.db.models.query import QuerySet

FIRST_ID_STAND_IN = -911_000_000


class Prepared:
    """A query built once per process by ``build(**stand_ins)`` and run with each
    call's values in their places.

    ``ids``: the names of integer values; ``moments``: of datetime values;
    ``texts``: of strings. Any other value (a limit, a model) is built into the
    SQL, so each distinct set of them is a query of its own, built once: keep
    them few.
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

    def _sql(self, values: dict) -> tuple[str, list]:
        built = self._built_for(values)
        return built.sql, built.params_with(values)

    def _built_for(self, values: dict) -> "_Built":
        named = {*self.ids, *self.moments, *self.texts}
        rest = {name: value for name, value in values.items() if name not in named}
        key = (connection.vendor, tuple(sorted(rest.items(), key=lambda item: item[0])))
        if key not in self._built:
            self._built[key] = self._prepare(rest)
        return self._built[key]

    def _prepare(self, rest: dict) -> "_Built":
        stand_ins = {name: FIRST_ID_STAND_IN - number for number, name in enumerate(self.ids)}
        stand_ins |= {
            name: datetime(1900, 1, 1, 0, 0, number + 1, tzinfo=UTC)
            for number, name in enumerate(self.moments)
        }
        stand_ins |= {name: f"newsline-stand-in-{name}-7f3a" for name in self.texts}
        queryset = self.build(**stand_ins, **rest)
        compiler = queryset.query.get_compiler(using=queryset.db)
        # as_sql also fills what model loading reads back (select, klass_info).
        sql, template = compiler.as_sql()
        slots = {name: _hashable(self._adapted(name, value)) for name, value in stand_ins.items()}
        present = {_hashable(value) for value in template}
        missing = [name for name, slot in slots.items() if slot not in present]
        if missing:
            raise ValueError(f"The prepared query lost its stand-ins for {missing}")
        return _Built(self, queryset, compiler, sql, tuple(template), slots)

    def _adapted(self, name: str, value):
        if name in self.moments:
            return connection.ops.adapt_datetimefield_value(value)
        return value


class PreparedIds(Prepared):
    """``build`` returns a queryset of one column of ids; calling the prepared
    query returns it as a ``RawSQL`` subquery for ``pk__in``."""

    def __call__(self, **values) -> RawSQL:
        """The query with ``values`` as a subquery (``pk__in=...``)."""
        return RawSQL(*self._sql(values))  # noqa: S611 - the ORM's SQL; values as parameters

    def rows(self, **values) -> list[tuple]:
        """The query's rows with ``values``, run as it stands."""
        with connection.cursor() as cursor:
            cursor.execute(*self._sql(values))
            return cursor.fetchall()


class PreparedObjects(Prepared):
    """``build`` returns a model queryset; calling the prepared query returns its
    instances for ``values``, loaded by Django as the queryset itself would load
    them (``select_related``, annotations, ``prefetch_related``), without
    building its SQL again."""

    def __call__(self, **values) -> list:
        built = self._built_for(values)
        queryset = built.queryset._chain()
        compiler = copy.copy(built.compiler)
        compiler.connection = connections[queryset.db]
        sql, params = built.sql, built.params_with(values)
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        compiler.get_converters = built.converters_of(compiler)
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)


class _Built:
    """One build of a prepared query: its SQL, its parameters with the stand-ins
    in, and where each stand-in sits."""

    def __init__(self, prepared, queryset, compiler, sql, template, slots):
        self.prepared = prepared
        self.queryset = queryset
        self.compiler = compiler
        self.sql = sql
        self.template = template
        self.slots = slots
        # Keyed by connection and columns. Converters that come from a connection
        # keep it alive, so its id is not reused while they are kept; the others do
        # not depend on the connection.
        self._converters: dict = {}

    def converters_of(self, compiler) -> Callable:
        """``compiler.get_converters``, worked out once per connection: which
        database and field converters each column's values pass through depends
        only on the built query's columns, yet Django asks on every run."""
        kept = self._converters

        def get_converters(expressions):
            key = (id(compiler.connection), tuple(map(id, expressions)))
            if key not in kept:
                kept[key] = type(compiler).get_converters(compiler, expressions)
            return kept[key]

        return get_converters

    def params_with(self, values: dict) -> list:
        adapted = self.prepared._adapted
        real = {slot: adapted(name, values[name]) for name, slot in self.slots.items()}
        return [real.get(_hashable(value), value) for value in self.template]


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value
