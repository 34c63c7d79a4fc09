"""An index on Wagtail's page addresses, for routing in one lookup (news/routing.py).

Wagtail's ``url_path`` has no index of its own (it routes segment by segment),
and a lookup by address at a million stories would scan them all. Wagtail's
table is not ours to declare indexes on, so this is SQL, the same on SQLite and
PostgreSQL, and dropped again when migrated back."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS newsline_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS newsline_page_url_path",
        )
    ]
