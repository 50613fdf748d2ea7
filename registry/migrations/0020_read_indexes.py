"""Indexes for the reads of a large catalog: the project and Hub repo lists' orders, and on PostgreSQL the
projects built on a Hub repo (a GIN index on `base_models`, which SQLite cannot create; see 0012)."""

import django.db.models.functions.text
from django.db import migrations, models

from registry.migrations._postgresql import on_postgresql

CREATE_INDEX = ("CREATE INDEX registry_project_base_models_gin ON registry_project "
                "USING gin (base_models jsonb_path_ops)")
DROP_INDEX = "DROP INDEX IF EXISTS registry_project_base_models_gin"


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0019_facet_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["name", "id"], name="registry_project_name_id"),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(django.db.models.functions.text.Lower("name"), models.F("id"),
                               name="registry_project_lower_name_id"),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["created_at", "id"], name="registry_project_created_id"),
        ),
        migrations.AddIndex(
            model_name="hubrepo",
            index=models.Index(fields=["repo_type", "repo_id", "id"], name="registry_hubrepo_list_order"),
        ),
        migrations.RunPython(on_postgresql([CREATE_INDEX]), on_postgresql([DROP_INDEX])),
    ]
