# Editors' picks on the home page: a partial index, so finding the few picked
# stories does not scan every article (120 ms with 1,000,000; docs/scale.md).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_trash"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="articlepage",
            index=models.Index(
                condition=models.Q(("editors_pick", True)),
                fields=["editors_pick"],
                name="article_pick_idx",
            ),
        ),
    ]
