"""The "moderator" group: reviews submissions and edits the catalog in the admin, without deleting."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "moderator"
PERMISSIONS = {
    "submission": ("view", "change", "moderate"),
    "project": ("view", "add", "change"),
    "organisation": ("view", "add", "change"),
    "hubrepo": ("view", "add", "change"),
    "coderepository": ("view", "add", "change"),
    "evidence": ("view", "add", "change"),
    "licence": ("view",),
    "changerecord": ("view",),
}


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate): create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="registry", codename__in=codenames))


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0013_submission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
