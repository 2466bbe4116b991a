# Related stories match words of the headline, tags and lead only: a GIN index
# of that part of the vector (``postgres.HEADLINE``) answers them without
# rechecking each match against the whole stored vector (docs/scale.md).

from django.db import migrations

HEADLINE_INDEX = (
    "CREATE INDEX IF NOT EXISTS search_headline_gin ON search_searchdocument "
    "USING gin ((setweight(to_tsvector('simple', title), 'A') || "
    "setweight(to_tsvector('simple', tags), 'A') || "
    "setweight(to_tsvector('simple', lead), 'B')))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(HEADLINE_INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_headline_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
