"""What the openness grid shows: one row per model family, its sortable columns and its filter controls.

Reads only what `selectors.list_grid_projects` prefetched (no queries of its own).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.badges import LEG_ORDER, Badge
from registry.models import LegValue, Project
from registry.views.openness_display import LEG_TITLES

# (key, column title); a key is also the `sort` parameter, "-key" the reverse order.
SORT_COLUMNS = (("name", gettext_lazy("Project")), *((leg.value, LEG_TITLES[leg.value]) for leg in LEG_ORDER),
                ("score", gettext_lazy("Index score")))
SORT_CHOICES = (
    ("name", gettext_lazy("Name (A to Z)")), ("-name", gettext_lazy("Name (Z to A)")),
    *((leg.value, format_lazy(gettext_lazy("{leg}: most open first"), leg=LEG_TITLES[leg.value])) for leg in LEG_ORDER),
    ("-score", gettext_lazy("Index score: highest first")), ("score", gettext_lazy("Index score: lowest first")),
)
# The order a column's first click asks for: most open legs and highest scores first.
FIRST_CLICK = {"score": "-score"}
SCORE_BANDS = ((0.75, "high"), (0.5, "middle"), (0.0, "low"))


@dataclass(frozen=True)
class GridLeg:
    leg: str
    title: str
    value: str
    url: str


@dataclass(frozen=True)
class GridRow:
    project: Project
    badge: Badge
    legs: tuple[GridLeg, ...]
    score: str
    score_band: str
    mof: str
    mof_slug: str


@dataclass(frozen=True)
class SortHeader:
    key: str
    title: str
    url: str
    aria_sort: str
    direction: str


@dataclass(frozen=True)
class FilterControl:
    name: str
    label: str
    options: tuple[tuple[str, str, bool], ...]


def grid_row(project: Project) -> GridRow:
    """One family's verdicts: legs (each linking to its explanation), label, Index score and MOF class."""
    badge = Badge.of_project(project)
    page = project.get_absolute_url()
    score = getattr(getattr(project, "index_assessment", None), "score", None)
    mof = (project.schemes or {}).get("mof") or {}
    return GridRow(
        project=project,
        badge=badge,
        legs=tuple(GridLeg(leg.leg, LEG_TITLES[leg.leg], leg.value, f"{page}#leg-{leg.leg}") for leg in badge.legs),
        score="" if score is None else f"{score:.2f}",
        score_band="none" if score is None else next(band for floor, band in SCORE_BANDS if score >= floor),
        mof=mof.get("value", ""),
        mof_slug=mof.get("value", "none").lower().replace(" ", "-"),
    )


def parse_sort(value: str) -> tuple[str, bool] | None:
    """("code", False) for "code", ("score", True) for "-score"; None for anything not a column."""
    key, descending = value.removeprefix("-"), value.startswith("-")
    return (key, descending) if key in dict(SORT_COLUMNS) else None


def sort_headers(query: QueryDict, *, key: str, descending: bool) -> list[SortHeader]:
    """Column headers whose links keep the filters and sort by that column (the sorted one in reverse)."""
    headers = []
    for column, title in SORT_COLUMNS:
        if column == key:
            sort = key if descending else f"-{key}"
            state = "descending" if descending else "ascending"
        else:
            sort, state = FIRST_CLICK.get(column, column), "none"
        headers.append(SortHeader(column, title, _with(query, sort=sort), state, _direction(column, state)))
    return headers


def _direction(column: str, state: str) -> str:
    """What the sort order means in words, for the sorted column only."""
    if state == "none":
        return ""
    if column == "name":
        return _("A to Z") if state == "ascending" else _("Z to A")
    if column == "score":
        return _("lowest first") if state == "ascending" else _("highest first")
    return _("most open first") if state == "ascending" else _("least open first")


def _with(query: QueryDict, **params: str) -> str:
    """The query with `params` set and back on the first page (a new order starts from the top)."""
    query = query.copy()
    query.pop("page", None)
    for name, value in params.items():
        query[name] = value
    return f"?{query.urlencode()}"


def filter_controls(query: QueryDict, *, countries: list[str]) -> list[FilterControl]:
    """The grid's selects: each leg's value, the country, and the order; each says which option is chosen."""
    legs = [
        FilterControl(leg.value, LEG_TITLES[leg.value], _options(query.get(leg.value, ""), LegValue.choices, _("any")))
        for leg in LEG_ORDER
    ]
    country = FilterControl("country", _("Country"), _options(
        query.get("country", "").upper(), [(code, code) for code in countries], _("any")))
    sort = FilterControl("sort", _("Sort by"), _options(query.get("sort", "name"), SORT_CHOICES, None))
    return [*legs, country, sort]


def _options(chosen: str, choices, blank: str | None) -> tuple[tuple[str, str, bool], ...]:
    options = [("", blank)] if blank else []
    return tuple((value, label, value == chosen) for value, label in [*options, *choices])
