"""SQL that only PostgreSQL runs in a migration (GIN and trigram indexes, statistics, costs), for RunPython.

Migrations import this rather than the app's code, which changes over time; the loader skips modules whose name
starts with "_", so it is not taken for a migration.
"""


def on_postgresql(statements):
    """A RunPython function executing `statements` in order on PostgreSQL, and nothing on other databases."""
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)
    return run
