"""Counting the items of a JSON list column (a project's countries, languages) in the database.

The lists are unnested where the rows are, so a count over the whole catalog sends the database's answer (one
row per distinct item), not every project's list, to Python. PostgreSQL unnests with
`jsonb_array_elements_text`, SQLite with `json_each`.
"""

from typing import Literal

from django.db import connections
from django.db.models import F, QuerySet

Case = Literal["upper", "lower"]


def count_list_items(rows: QuerySet, field: str, *, case: Case) -> list[tuple[str, int]]:
    """Each item of the JSON list `field` over `rows`, in `case`, with how many times it occurs; sorted."""
    items, params = _items(rows, field, case=case, with_pk=False)
    return _fetch(rows.db, f"SELECT item, COUNT(*) FROM ({items}) AS items GROUP BY item ORDER BY item", params)


def count_rows_by_item(rows: QuerySet, field: str, *, case: Case, also: QuerySet | None = None) -> list[tuple[str, int]]:
    """Each item of the JSON list `field` over `rows`, in `case`, with the number of rows that hold it (a row
    naming it twice counts once), most rows first, then by item. `also`: more items of the rows, as a values()
    queryset of `row` (the row's primary key) and `item` annotations (such as the row's organisations' countries)."""
    items, params = _items(rows, field, case=case, with_pk=True)
    if also is not None:
        more, more_params = also.order_by().query.sql_with_params()
        items = f"{items} UNION SELECT more.row, {case}(more.item) FROM ({more}) AS more"
        params = [*params, *more_params]
    sql = f"SELECT item, COUNT(DISTINCT pk) AS n FROM ({items}) AS items GROUP BY item ORDER BY n DESC, item"
    return _fetch(rows.db, sql, params)


def _items(rows: QuerySet, field: str, *, case: Case, with_pk: bool) -> tuple[str, list]:
    """SQL of (pk, item) or (item) for every item of every row's list."""
    inner, params = rows.order_by().values(row=F("pk"), list=F(field)).query.sql_with_params()
    each = ("jsonb_array_elements_text(rows.list) AS item(value)" if connections[rows.db].vendor == "postgresql"
            else "json_each(rows.list) AS item")
    pk = "rows.row AS pk, " if with_pk else ""
    return f"SELECT {pk}{case}(item.value) AS item FROM ({inner}) AS rows, {each}", list(params)


def _fetch(alias: str, sql: str, params) -> list[tuple[str, int]]:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return [(item, n) for item, n in cursor.fetchall()]
