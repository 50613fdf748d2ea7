"""Facet counts of the project list: for each facet, how many projects each of its values would show.

A facet's counts apply every other filter of the request but not its own (choosing another value of a
facet replaces the current one). So every facet whose own filter is not in the request counts over the same
rows, and the facets of one column (kind, the three legs, E2E) are counted together in one scan of them; a
facet whose filter is set counts over its own rows. Countries and languages, kept as JSON lists, are
unnested by the database; licence classes join the licence table. A request costs about six queries
whatever the size of the catalog; the organisation facet shows the organisations with the most projects.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registry.filters import ProjectFilterSet
from registry.json_lists import count_list_items
from registry.models import DataOrigin, HubRepo, LegValue, Licence, LicenceClass, Organisation, Project
from registry.selectors import OPENNESS_LEGS

LEG_TITLES = {"code": _("Code leg"), "model": _("Model leg"), "corpus": _("Corpus leg")}
YES_NO = (("true", _("Yes")), ("false", _("No")))
ORGANISATIONS_SHOWN = 50
ALL_OPEN = Q(**{f"{leg}_leg": LegValue.OPEN for leg in OPENNESS_LEGS})


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    title: str
    values: list[FacetValue]
    more: bool = False  # values left out (the organisation facet shows the largest ones)


def count_project_facets(counts: "FacetCounts") -> list[Facet]:
    """Every facet of the project list with its values and counts.

    Values no project has are left out unless selected.
    """
    filterset = counts.filterset
    facets = []
    for name, title in TITLES.items():
        selected = filterset.data.get(name, "")
        found, more = counts.of(name)
        values = [FacetValue(value, label, count, value == selected)
                  for value, label, count in found if count or value == selected]
        facets.append(Facet(name, title, values, more))
    return facets


class FacetCounts:
    """The counts of one request's facets, each computed once over the rows it applies to."""

    def __init__(self, filterset: ProjectFilterSet):
        """`filterset`: validated."""
        self.filterset = filterset
        self.set_filters = {name for name, value in filterset.form.cleaned_data.items() if value not in (None, "")}
        self.column_counts: dict[str | None, dict[str, int]] = {}

    def own_filter(self, facet: str | None) -> str | None:
        """The filter `facet` leaves out: its own when the request sets it (None: every facet without one shares
        the rows of all the request's filters)."""
        return facet if facet in self.set_filters else None

    def rows(self, facet: str | None) -> QuerySet:
        """The projects `facet` counts over: every filter of the request but its own."""
        visible = Project.objects.exclude(status=Project.Status.HIDDEN).order_by()
        rows = self.filterset.filter_queryset_without(self.own_filter(facet), visible)
        if rows.query.annotations:  # a search's rank: count the matching ids, neither ranking nor grouping by it
            return Project.objects.filter(pk__in=rows.values("pk")).order_by()
        return rows

    def matching(self) -> int:
        """How many projects match every filter of the request (the list's length), from the column facets'
        counts rather than a count of its own."""
        return _projects_counted(self._columns(None))

    def of(self, facet: str) -> tuple[list[tuple[str, str, int]], bool]:
        """(value, label, count) of each of `facet`'s values, and whether some values were left out."""
        if facet == "organisation":
            return _organisations(self.rows(facet), self.filterset.data.get(facet, ""))
        if facet in CODE_LISTS:
            return _codes(self.rows(facet), *CODE_LISTS[facet]), False
        if facet == "license_class":
            return _licence_classes(self.rows(facet)), False
        counts = self._columns(facet)
        if facet == "has_hub_data":
            return _hub_data(self.rows(facet), total=_projects_counted(counts)), False
        return [(value, label, counts[f"{facet}:{value}"]) for value, label in COLUMN_VALUES[facet]], False

    def _columns(self, facet: str) -> dict[str, int]:
        """The counts of every column facet over `facet`'s rows, counted once for all facets sharing them."""
        key = self.own_filter(facet)
        if key not in self.column_counts:
            self.column_counts[key] = self.rows(facet).aggregate(**{
                f"{name}:{value}": Count("pk", filter=condition)
                for name, conditions in COLUMN_CONDITIONS.items() for value, condition in conditions.items()})
        return self.column_counts[key]


def _projects_counted(column_counts: dict[str, int]) -> int:
    """How many projects the column counts were counted over: each has one kind."""
    return sum(column_counts[f"kind:{kind}"] for kind in Project.Kind.values)


def _yes_no(condition: Q) -> dict[str, Q]:
    return {"true": condition, "false": ~condition}


COLUMN_CONDITIONS: dict[str, dict[str, Q]] = {
    "kind": {value: Q(kind=value) for value in Project.Kind.values},
    **{leg: {value: Q(**{f"{leg}_leg": value}) for value in LegValue.values} for leg in OPENNESS_LEGS},
    "e2e": _yes_no(ALL_OPEN),
}
COLUMN_VALUES = {
    "kind": Project.Kind.choices,
    **{leg: LegValue.choices for leg in OPENNESS_LEGS},
    "e2e": YES_NO,
}
CODE_LISTS = {"country": ("countries", "upper"), "language": ("languages", "lower")}


def _codes(rows: QuerySet, field: str, case) -> list[tuple[str, str, int]]:
    return [(code, code, n) for code, n in count_list_items(rows, field, case=case)]


def _organisations(rows: QuerySet, selected: str) -> tuple[list[tuple[str, str, int]], bool]:
    """The ORGANISATIONS_SHOWN organisations with the most projects among `rows`, the selected one always, and
    whether others were left out."""
    counted = (Organisation.objects.filter(projects__in=rows).values_list("slug", "name")
               .annotate(n=Count("projects", distinct=True)).order_by("-n", "name"))
    found = list(counted[:ORGANISATIONS_SHOWN + 1])
    shown = found[:ORGANISATIONS_SHOWN]
    if selected and selected not in {slug for slug, _, _ in shown}:
        shown += list(counted.filter(slug=selected))
    return shown, len(found) > ORGANISATIONS_SHOWN


def _licence_classes(rows: QuerySet) -> list[tuple[str, str, int]]:
    """Projects with at least one Hub repo under a licence of each class (`unknown`: not in our table)."""
    connection = connections[rows.db]
    inner, params = rows.values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    repo, licence = HubRepo._meta.db_table, Licence._meta.db_table
    sql = (f"SELECT COALESCE(licence.{quote('licence_class')}, %s), COUNT(DISTINCT repo.{quote('project_id')}) "
           f"FROM {quote(repo)} AS repo LEFT JOIN {quote(licence)} AS licence "
           f"ON licence.{quote('identifier')} = repo.{quote('license')} "
           f"WHERE repo.{quote('project_id')} IN ({inner}) GROUP BY 1")
    with connection.cursor() as cursor:
        cursor.execute(sql, [LicenceClass.UNKNOWN, *params])
        counts = dict(cursor.fetchall())
    return [(value, label, counts.get(value, 0)) for value, label in LicenceClass.choices]


def _hub_data(rows: QuerySet, *, total: int) -> list[tuple[str, str, int]]:
    with_data = (HubRepo.objects.filter(project__in=rows).exclude(data_origin=DataOrigin.NONE)
                 .values("project").distinct().count())
    counts = {"true": with_data, "false": total - with_data}
    return [(value, label, counts[value]) for value, label in YES_NO]


TITLES = {
    "kind": _("Kind"),
    "country": _("Country"),
    "organisation": _("Organisation"),
    "language": _("Language"),
    "license_class": _("Licence class"),
    **{leg: LEG_TITLES[leg] for leg in OPENNESS_LEGS},
    "e2e": pgettext_lazy("facet", "E2E open"),
    "has_hub_data": _("Has Hub data"),
}
