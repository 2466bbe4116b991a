"""Let the «ناظر نظرات» group move comments to the trash and restore them."""

from django.db import migrations

GROUP = "ناظر نظرات"


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="comments", codename="delete_comment"
    ).first()
    group = Group.objects.filter(name=GROUP).first()
    if group and permission:
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="comments", codename="delete_comment"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_trash"),
        ("comments", "0003_trash"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
