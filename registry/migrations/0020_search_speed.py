"""An index that answers a search's page of keys on its own, on PostgreSQL.

A page of projects is chosen in two steps (`registry.selectors.list_in_key_order`): the keys of the page,
then its rows. This index holds everything the first step of a search reads (the visible projects' names,
keys and search vectors), so that step is an index-only scan of a few tens of megabytes instead of a read
of the wide project rows: in name order it stops at the end of the page, and to rank by relevance or to
count the matches it reads the index through once. Keys in name order serve the API's default order.

PostgreSQL-only SQL, guarded as in 0012: other databases keep no search vector to cover.
"""

from django.db import migrations

CREATE_INDEX = (
    "CREATE INDEX registry_project_search_by_name ON registry_project (name, id) INCLUDE (search_vector) "
    "WHERE status <> 'hidden'"
)
DROP_INDEX = "DROP INDEX IF EXISTS registry_project_search_by_name"


def _on_postgresql(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0019_facet_indexes"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE_INDEX), _on_postgresql(DROP_INDEX)),
    ]
