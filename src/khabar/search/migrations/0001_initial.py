"""The search documents table and, per database, its full-text index."""

import django.db.models.deletion
from django.db import migrations, models


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title, tags, lead, body, tokenize = 'unicode61 remove_diacritics 0')"
        )
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument ADD COLUMN document tsvector")
        schema_editor.execute(
            "CREATE INDEX search_document_gin ON search_searchdocument USING gin (document)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    initial = True
    dependencies = [("newsroom", "0002_create_home_page")]
    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="newsroom.articlepage",
                    ),
                ),
                ("title", models.TextField()),
                ("tags", models.TextField(blank=True)),
                ("lead", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("service_id", models.PositiveBigIntegerField(db_index=True)),
                ("published_at", models.DateTimeField(db_index=True)),
                ("key_version", models.PositiveSmallIntegerField()),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["service_id", "published_at"],
                        name="search_sear_service_ec5b68_idx",
                    )
                ],
            },
        ),
        migrations.RunPython(create_index, drop_index),
    ]
