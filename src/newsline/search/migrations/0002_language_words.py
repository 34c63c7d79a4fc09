"""Give every story already in the search index its language word (decision 0009,
addendum), so PostgreSQL installations keep finding their stories from the moment
they upgrade instead of after a full `newsline update_index`.

New and edited stories get the word from their ``search_language`` search field;
this only catches up the index entries written before it existed. SQLite sends
queries without the word, so there is nothing to do there.
"""

from django.db import migrations

STORY_MODELS = ("newspage", "interviewpage", "opinionpage", "videopage", "gallerypage")

ADD_LANGUAGE_WORDS = """
UPDATE wagtailsearch_indexentry entry
   SET body = entry.body
       || setweight(to_tsvector('newsline', 'inlang' || locale.language_code), 'D')
  FROM wagtailcore_page page
  JOIN wagtailcore_locale locale ON locale.id = page.locale_id
 WHERE page.id::text = entry.object_id
   AND entry.content_type_id IN (
       SELECT id FROM django_content_type WHERE app_label = 'news' AND model = ANY(%s)
   )
   AND NOT entry.body @@ to_tsquery('newsline', 'inlang' || locale.language_code)
"""


def add_language_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD_LANGUAGE_WORDS, [list(STORY_MODELS)])


class Migration(migrations.Migration):
    dependencies = [
        ("reader_search", "0001_text_search_configuration"),
        ("news", "0005_byline_person_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(add_language_words, migrations.RunPython.noop)]
