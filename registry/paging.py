"""A page of a long list read in two steps: the keys of its rows, then the rows.

The first query reads only what the filter and the order need, so an index can answer it alone (on
PostgreSQL `registry_project_search_by_name` holds the names, keys and search vectors of visible projects):
a search for a common word then ranks or sorts narrow index entries, not the wide project rows with their
joins. The second query reads only the page's rows, whole, by primary key.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, RowRange, Window

BEYOND_ANY_CATALOG = 2**31


def keys_in_order(queryset: QuerySet) -> QuerySet:
    """The primary keys of `queryset` in its order, without its joins and prefetches; slice it to a page."""
    return queryset.select_related(None).prefetch_related(None).values_list("pk", flat=True)


def rows_in_key_order(queryset: QuerySet, keys: list) -> list:
    """The rows of `queryset` with these primary keys, in the keys' order; a row gone since is left out."""
    found = queryset.order_by().in_bulk(keys)
    return [found[key] for key in keys if key in found]


class KeysPaginator(Paginator):
    """Pages of a `keys_in_order` queryset that read the list's length along with the page's keys: one pass
    over the matches instead of a count and then a page; or, given the `count` (counted elsewhere), only the
    page's keys. A page past the end counts first, as Paginator does."""

    def __init__(self, object_list, per_page, *, count: int | None = None):
        super().__init__(object_list, per_page)
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached property

    def get_page(self, number) -> Page:
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        bottom = (number - 1) * self.per_page
        if bottom > BEYOND_ANY_CATALOG:  # nor could the database take it as an offset
            return super().get_page(number)
        if "count" in self.__dict__:
            keys = list(self.object_list[bottom:bottom + self.per_page])
            return self._get_page(keys, number, self) if keys else super().get_page(number)
        # Counted over the list's own order: the database then sorts narrow (key, sort values) rows once for
        # both, where a bare COUNT(*) OVER () made it carry every match's sort inputs past the count.
        total = Window(Count("pk"), order_by=list(self.object_list.query.order_by) or None,
                       frame=RowRange(start=None, end=None))
        rows = list(self.object_list.annotate(total=total).values_list("pk", "total")[bottom:bottom + self.per_page])
        if not rows:
            return super().get_page(number)
        self.__dict__["count"] = rows[0][1]
        return self._get_page([key for key, _ in rows], number, self)
