"""Times from PostgreSQL parsed in C (core/postgres.py) read as Django's own
loader reads them: the same instants, in UTC, NULL as None."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import connection

from newsline.core.postgres import UtcTimestamptzLoader
from newsline.news.models import ArticlePage

from ..factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's loader: make test-postgres")


def _read(sql: str, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def test_times_are_parsed_by_the_c_loader():
    connection.ensure_connection()
    from psycopg.pq import Format

    loader = connection.connection.adapters.get_loader(
        connection.connection.adapters.types["timestamptz"].oid, Format.TEXT
    )
    assert loader is UtcTimestamptzLoader


def test_times_read_are_the_instants_written_in_utc():
    baku = timezone(timedelta(hours=4))
    written = [
        datetime(2023, 5, 27, 14, 54, 7, 123456, tzinfo=baku),
        datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(2038, 1, 19, 3, 14, 8, 1, tzinfo=UTC),
    ]
    for moment in written:
        (read,) = _read("SELECT %s::timestamptz", moment)
        assert read == moment and read.tzinfo is UTC
    assert _read("SELECT '2023-05-27 14:54:00+04'::timestamptz, NULL::timestamptz") == (
        datetime(2023, 5, 27, 10, 54, tzinfo=UTC),
        None,
    )


def test_a_storys_times_come_back_as_saved():
    story = make_story()
    read = ArticlePage.objects.get(pk=story.pk)
    assert read.published_at == story.published_at
    assert read.published_at.tzinfo is UTC and read.first_published_at.tzinfo is UTC
