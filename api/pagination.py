"""Cursor pagination that seeks on the whole ordering ("keyset" pagination).

DRF's CursorPagination positions its cursor on the first ordering field alone, falls back to an
offset among equal values (capped at 1000 rows) and cannot position on NULL. A dashboard walking
hub repos by downloads meets all three. Here every ordering ends with the primary key, nullable
fields sort through a sentinel (missing values first ascending, last descending), and the opaque
cursor carries one value per ordering field, so a walk neither skips nor repeats a row.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import BigIntegerField, DateTimeField, F, Lookup, Q, QuerySet, Value
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.db.models.functions import Coalesce
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from api.cursors import decode_cursor, encode_cursor
from api.errors import InvalidParameter
from registry.paging import keys_in_order, rows_in_key_order

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
SORTABLE_WHEN_NULL = {  # internal type of a nullable field -> (sort type, value below every real one)
    "PositiveBigIntegerField": (BigIntegerField, -1),
    "PositiveIntegerField": (BigIntegerField, -1),
    "DateTimeField": (DateTimeField, datetime(1970, 1, 1, tzinfo=UTC)),
}


@dataclass(frozen=True)
class SortKey:
    attribute: str
    descending: bool

    def order_by(self, *, backwards: bool) -> str:
        return f"-{self.attribute}" if self.descending != backwards else self.attribute


@dataclass(frozen=True)
class Cursor:
    position: tuple
    backwards: bool = False


class KeysetPagination(BasePagination):
    """`?cursor=` (opaque, from `next`/`previous`) and `?page_size=` (1 to 200, default 50)."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None):
        self.base_url = request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        self.ordering = ordering_with_tiebreaker(request, queryset, view)
        queryset, self.keys = sortable(queryset, self.ordering)
        cursor = self.get_cursor(request, queryset)
        page, has_more = self.fetch(queryset, cursor)
        self.set_neighbours(page, has_more, cursor)
        return page

    def get_page_size(self, request) -> int:
        requested = request.query_params.get(self.page_size_query_param)
        if requested is None:
            return DEFAULT_PAGE_SIZE
        digits = requested.lstrip("0") if re.fullmatch(r"[0-9]+", requested) else ""
        if not digits:
            raise InvalidParameter(self.page_size_query_param,
                                   f"Enter a whole number from 1 to {MAX_PAGE_SIZE}.")
        # Five digits are over the cap anyway, and int() refuses thousands of them.
        return MAX_PAGE_SIZE if len(digits) > 4 else min(int(digits), MAX_PAGE_SIZE)

    def get_cursor(self, request, queryset) -> Cursor | None:
        token = request.query_params.get(self.cursor_query_param)
        if token is None:
            return None
        position, backwards = decode_cursor(token, ordering=self.ordering, queryset=queryset,
                                            attributes=[key.attribute for key in self.keys])
        return Cursor(position, backwards)

    def fetch(self, queryset: QuerySet, cursor: Cursor | None) -> tuple[list, bool]:
        backwards = bool(cursor and cursor.backwards)
        if cursor:
            queryset = queryset.filter(seek(self.keys, cursor.position, backwards=backwards))
        ordered = queryset.order_by(*(key.order_by(backwards=backwards) for key in self.keys))
        rows = self.rows(ordered, self.page_size + 1)
        page = rows[: self.page_size]
        return (page[::-1] if backwards else page), len(rows) > self.page_size

    def rows(self, ordered: QuerySet, limit: int) -> list:
        return list(ordered[:limit])

    def set_neighbours(self, page: list, has_more: bool, cursor: Cursor | None) -> None:
        # Walking backwards, the row the cursor came from always follows this page.
        backwards = bool(cursor and cursor.backwards)
        has_next = True if backwards else has_more
        has_previous = has_more if backwards else cursor is not None
        self.next = Cursor(self.position_of(page[-1])) if page and has_next else None
        self.previous = Cursor(self.position_of(page[0]), True) if page and has_previous else None

    def position_of(self, row) -> tuple:
        return tuple(getattr(row, key.attribute) for key in self.keys)

    def link_to(self, cursor: Cursor | None) -> str | None:
        if cursor is None:
            return None
        token = encode_cursor(cursor.position, ordering=self.ordering, backwards=cursor.backwards)
        return replace_query_param(self.base_url, self.cursor_query_param, token)

    def get_paginated_response(self, data):
        links = {"next": self.link_to(self.next), "previous": self.link_to(self.previous)}
        header = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)
        return Response({**links, "results": data}, headers={"Link": header} if header else None)

    def get_paginated_response_schema(self, schema):
        def link(rel):
            return {"type": "string", "format": "uri", "nullable": True,
                    "description": f"URL of the {rel} page; null when there is none.",
                    "example": "https://registry.example.org/api/v1/projects/?cursor=eyJvIjpbIm5hbWUiLCJwayJdfQ"}
        # drf-spectacular also passes a sentinel object here to find where the rows go.
        results = {**schema, "description": "The rows of this page."} if isinstance(schema, dict) else schema
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link("next"), "previous": link("previous"), "results": results},
        }

    def get_schema_operation_parameters(self, view):
        return [
            {"name": self.cursor_query_param, "required": False, "in": "query",
             "description": "Opaque position from a `next` or `previous` link; "
                            "only valid with the ordering it was issued for.",
             "schema": {"type": "string"}},
            {"name": self.page_size_query_param, "required": False, "in": "query",
             "description": f"Rows per page, default {DEFAULT_PAGE_SIZE}; "
                            f"larger values are capped at {MAX_PAGE_SIZE}.",
             "schema": {"type": "integer", "minimum": 1}},
        ]


def ordering_with_tiebreaker(request, queryset, view) -> tuple[str, ...]:
    """The view's ordering (from its ordering filter when it has one), ending with the primary key."""
    backends = [b for b in getattr(view, "filter_backends", []) if hasattr(b, "get_ordering")]
    terms = list(backends[0]().get_ordering(request, queryset, view) if backends else view.ordering)
    if not any(term.removeprefix("-") == "pk" for term in terms):
        terms.append("-pk" if terms and terms[-1].startswith("-") else "pk")
    return tuple(terms)


def sortable(queryset: QuerySet, ordering: tuple[str, ...]) -> tuple[QuerySet, list[SortKey]]:
    """The sort keys of `ordering`, annotating the queryset with a NULL-free copy where needed."""
    keys = []
    for term in ordering:
        queryset, attribute = _without_nulls(queryset, term.removeprefix("-"))
        keys.append(SortKey(attribute, term.startswith("-")))
    return queryset, keys


def _without_nulls(queryset: QuerySet, name: str) -> tuple[QuerySet, str]:
    if name == "pk" or name in queryset.query.annotations:
        return queryset, name
    field = queryset.model._meta.get_field(name)
    if not field.null:
        return queryset, name
    sort_type, sentinel = SORTABLE_WHEN_NULL[field.get_internal_type()]
    key = Coalesce(name, Value(sentinel), output_field=sort_type())
    return queryset.annotate(**{f"{name}_sort_key": key}), f"{name}_sort_key"


def seek(keys: list[SortKey], position: tuple, *, backwards: bool) -> Q | Lookup:
    """Rows strictly after `position` in the order of `keys` (before it when `backwards`)."""
    earlier = {key.descending != backwards for key in keys}
    if len(earlier) == 1:
        # All keys one way: a row comparison, `(a, b, pk) > (x, y, z)`, which a database seeks in an index on
        # (a, b, pk); the equivalent OR below only lets it seek on `a`.
        comparison = TupleLessThan if earlier.pop() else TupleGreaterThan
        return comparison(Tuple(*(F(key.attribute) for key in keys)), position)
    after, equal = Q(), Q()
    for key, value in zip(keys, position, strict=True):
        lookup = "lt" if key.descending != backwards else "gt"
        after |= equal & Q(**{f"{key.attribute}__{lookup}": value})
        equal &= Q(**{key.attribute: value})
    # Implied by `after`, but unlike its OR a database can seek an index on the first key to it.
    first = keys[0]
    bound = Q(**{f"{first.attribute}__{'lte' if first.descending != backwards else 'gte'}": position[0]})
    return bound & after


class KeysFirstPagination(KeysetPagination):
    """Keyset pagination that reads the page's keys first, then its rows (`registry.paging`): for wide rows
    chosen among many, such as a search of the projects, where an index can answer the first step alone."""

    def rows(self, ordered: QuerySet, limit: int) -> list:
        return rows_in_key_order(ordered, list(keys_in_order(ordered)[:limit]))
