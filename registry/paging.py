"""A page of a long list read in two steps: the keys of its rows, then the rows.

The first query reads only what the filter and the order need, so an index can answer it alone (on
PostgreSQL the index of migration 0020 holds the names, keys and search vectors of visible projects): a
search for a common word then ranks or sorts narrow index entries, not the wide project rows with their
joins. The second query reads only the page's rows, whole, by primary key.
"""

from django.db.models import QuerySet


def keys_in_order(queryset: QuerySet) -> QuerySet:
    """The primary keys of `queryset` in its order, without its joins and prefetches; slice it to a page."""
    return queryset.select_related(None).prefetch_related(None).values_list("pk", flat=True)


def rows_in_key_order(queryset: QuerySet, keys: list) -> list:
    """The rows of `queryset` with these primary keys, in the keys' order; a row gone since is left out."""
    found = queryset.order_by().in_bulk(keys)
    return [found[key] for key in keys if key in found]
