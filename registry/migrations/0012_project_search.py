"""Full-text search of projects: a stored search vector, and on PostgreSQL its GIN index and pg_trgm.

The indexes are PostgreSQL-only SQL rather than Meta indexes: SQLite rebuilds a table from its Meta
indexes when a later migration alters it, and cannot create a GIN index.
"""

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from registry.migrations._postgresql import on_postgresql

CREATE_INDEXES = [
    "CREATE INDEX registry_project_search_vector_gin ON registry_project USING gin (search_vector)",
    "CREATE INDEX registry_project_name_trgm_gin ON registry_project USING gin (name gin_trgm_ops)",
]
DROP_INDEXES = [
    "DROP INDEX IF EXISTS registry_project_search_vector_gin",
    "DROP INDEX IF EXISTS registry_project_name_trgm_gin",
]
# The vector as registry.services.search_index wrote it when this migration was made.
FILL_VECTORS = """
UPDATE registry_project AS p SET search_vector =
    setweight(to_tsvector('english'::regconfig, coalesce(p.name, '') || ' ' || coalesce(p.slug, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(p.summary, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce((
        SELECT string_agg(o.name, ' ') FROM registry_organisation o
        JOIN registry_project_organisations po ON po.organisation_id = o.id
        WHERE po.project_id = p.id), '')), 'C')
"""


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0011_code_repository_seen_now"),
    ]

    operations = [
        TrigramExtension(),
        migrations.AddField(
            model_name="project",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(on_postgresql([*CREATE_INDEXES, FILL_VECTORS]), on_postgresql(DROP_INDEXES)),
    ]
