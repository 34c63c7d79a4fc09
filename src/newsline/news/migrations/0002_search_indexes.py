"""Indexes reader search needs at scale (docs/scale.md).

Wagtail's database search backend on PostgreSQL matches ``("title" || "body") @@
query`` on its index table, then joins the matches to stories on
``object_id = page_ptr_id::varchar(50)``. Wagtail indexes each tsvector column
with GIN but not their concatenation, so every search read the whole table; and
without an index on the story side of the join, every search read every story.

The GIN index is PostgreSQL-only and lives on Wagtail's table, so it is raw SQL
here, built CONCURRENTLY so that a live site keeps indexing stories meanwhile.
"""

from django.db import migrations, models
from django.db.models.functions import Cast

TABLE = "wagtailsearch_indexentry"
INDEX = "news_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON {TABLE} "
            'USING gin (("title" || "body"))'
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("news", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="articlepage",
            index=models.Index(
                Cast("page_ptr", output_field=models.CharField(max_length=50)),
                name="article_id_as_text",
            ),
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
