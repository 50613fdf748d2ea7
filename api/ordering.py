"""The `ordering` query parameter: DRF's OrderingFilter, strict about the fields it accepts."""

from rest_framework.filters import OrderingFilter

from api.errors import InvalidParameter


class StrictOrderingFilter(OrderingFilter):
    """An unknown field is a 400 naming `ordering` (DRF silently ignores it).

    Views list their sortable fields in `ordering_fields` and the default in `ordering`; the
    paginator adds the primary key as the last tiebreaker.
    """

    def get_ordering(self, request, queryset, view):
        requested = request.query_params.get(self.ordering_param)
        if not requested:  # absent, or empty as every filter's empty value: the default order
            return self.get_default_ordering(view)
        allowed = [name for name, _ in self.get_valid_fields(queryset, view, {"request": request})]
        terms = [term.strip() for term in requested.split(",")]
        for term in terms:
            if term.removeprefix("-") not in allowed:
                raise InvalidParameter(self.ordering_param, (
                    f"Cannot order by '{term}'. Choose from: {', '.join(allowed)} "
                    "(prefix a field with '-' for descending order)."))
        return first_term_per_field(terms)

    def get_schema_operation_parameters(self, view):
        choices = [term for name in view.ordering_fields for term in (name, f"-{name}")]
        return [{
            "name": self.ordering_param,
            "required": False,
            "in": "query",
            "description": (
                "Comma-separated fields to sort by; prefix a field with `-` for descending order. "
                f"Default: `{','.join(view.ordering)}`. Missing values sort first ascending and last "
                "descending; ties are broken by the row's internal id, so pages never overlap."),
            "schema": {"type": "array", "items": {"type": "string", "enum": choices}},
            "style": "form",
            "explode": False,
        }]


def first_term_per_field(terms: list[str]) -> list[str]:
    """`name,-name` sorts by name ascending: a field's later mentions cannot change the order."""
    seen, kept = set(), []
    for term in terms:
        if term.removeprefix("-") not in seen:
            seen.add(term.removeprefix("-"))
            kept.append(term)
    return kept
