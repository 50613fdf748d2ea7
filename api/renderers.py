"""CSV for spreadsheet users: one row per result, one column per leaf field of the serializer.

Nested objects become dotted columns (`openness.model.value`); a list of plain values becomes one
cell joined by "; "; a list of objects becomes their identifiers (slug, repo id) joined the same
way, or JSON when they have none; other structured values (evidence, schemes) are JSON. Cells that
a spreadsheet would run as a formula are prefixed with an apostrophe.
"""

import csv
import io
import json

from rest_framework import serializers
from rest_framework.renderers import BaseRenderer

LIST_SEPARATOR = "; "
IDENTIFIER_KEYS = ("slug", "repo_id", "identifier")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class CsvRenderer(BaseRenderer):
    """Renders the `results` of a paginated list; the `Link` header leads to the next page."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view, request = renderer_context["view"], renderer_context["request"]
        columns = list(leaf_paths(view.get_serializer()))
        output = io.StringIO()
        writer = csv.writer(output, lineterminator="\r\n")
        writer.writerow([".".join(path) for path in columns])
        for row in data["results"]:
            writer.writerow([cell(value_at(row, path)) for path in columns])
        filename = request.path.rstrip("/").rsplit("/", 1)[-1]
        renderer_context["response"]["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return output.getvalue().encode(self.charset)


def leaf_paths(serializer, prefix=()):
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer):
            yield from leaf_paths(field, (*prefix, name))
        else:
            yield (*prefix, name)


def value_at(row, path):
    for key in path:
        if row is None:
            return None
        row = row[key]
    return row


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return defused(list_cell(value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return defused(value)


def defused(value):
    """`value` with an apostrophe in front if a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value


def list_cell(values: list) -> str:
    if all(not isinstance(value, dict | list) for value in values):
        return LIST_SEPARATOR.join(str(cell(value)) for value in values)
    identifiers = [identifier(value) for value in values]
    if None in identifiers:
        return json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return LIST_SEPARATOR.join(identifiers)


def identifier(value) -> str | None:
    if not isinstance(value, dict):
        return None
    return next((str(value[key]) for key in IDENTIFIER_KEYS if key in value), None)
