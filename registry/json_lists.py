"""Counting the items of a JSON list column (a project's countries, languages) in the database.

The lists are unnested where the rows are, so a count over the whole catalog sends the database's answer (one
row per distinct item), not every project's list, to Python. PostgreSQL unnests with
`jsonb_array_elements_text`, SQLite with `json_each`.
"""

from typing import Literal

from django.db import connections
from django.db.models import QuerySet


def count_list_items(rows: QuerySet, field: str, *, case: Literal["upper", "lower"]) -> list[tuple[str, int]]:
    """Each item of the JSON list `field` over `rows`, in `case`, with how many times it occurs; sorted."""
    connection = connections[rows.db]
    inner, params = rows.order_by().values(field).query.sql_with_params()
    column = f"rows.{connection.ops.quote_name(field)}"
    each = (f"jsonb_array_elements_text({column}) AS item(value)" if connection.vendor == "postgresql"
            else f"json_each({column}) AS item")
    sql = f"SELECT {case}(item.value), COUNT(*) FROM ({inner}) AS rows, {each} GROUP BY 1 ORDER BY 1"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
