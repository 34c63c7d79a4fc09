"""Indexes on the page columns the API's listings may be ordered by (``order=``).

Ordered by a column without an index, a listing of a million stories sorted
every published one to give twenty (0.76 s for ``order=title``), for anyone who
asked; with one, PostgreSQL and SQLite read the column's index in order and stop
at the page's end. ``published_at`` is ours and indexed already. Wagtail's table
is not ours to declare indexes on, so this is SQL, as ``0003`` is, and dropped
again when migrated back."""

from django.db import migrations

COLUMNS = ("title", "first_published_at", "last_published_at")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_page_url_path_index")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS newsline_page_{column} ON wagtailcore_page ({column}, id)",
            f"DROP INDEX IF EXISTS newsline_page_{column}",
        )
        for column in COLUMNS
    ]
