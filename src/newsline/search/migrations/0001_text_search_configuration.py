"""The PostgreSQL text search configuration reader search indexes and queries
with (``WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"]``).

Wagtail's database backend takes one configuration for every language, so this
one sends each word to a stemmer by its script (docs/decisions/0009): words of
ASCII letters to English's, other words to Russian's, which leaves Latin words
such as Azerbaijani ones whole; numbers, addresses and the rest as 'simple'
does. SQLite's backend has no configurations: nothing to do there.
"""

from django.db import migrations

NAME = "newsline"

CREATE = f"""
CREATE TEXT SEARCH CONFIGURATION {NAME} (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION {NAME}
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart WITH english_stem;
ALTER TEXT SEARCH CONFIGURATION {NAME}
    ALTER MAPPING FOR word, hword, hword_part WITH russian_stem;
"""


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.RunPython(create_configuration, drop_configuration, elidable=False),
    ]
