# Tag pages: the stories of a tag from one index, without a heap visit per
# link (a hot tag has 50,000 links with 1,000,000 stories; docs/scale.md).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0005_article_pick_idx"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [
        migrations.AddIndex(
            model_name="articletag",
            index=models.Index(
                fields=["tag", "content_object"], name="articletag_tag_article_idx"
            ),
        ),
    ]
