"""Facet counts of the project list: for each facet, how many projects each of its values would show.

A facet's counts apply every other filter of the request but not its own (choosing another value of a
facet replaces the current one). Each facet costs one query whatever the number of rows; country and
language codes live in JSON lists, counted in Python from one column of the matching rows.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registry.filters import ProjectFilterSet
from registry.models import DataOrigin, HubRepo, LegValue, LicenceClass, Organisation, Project
from registry.selectors import OPENNESS_LEGS, licence_class_of_repo, with_openness

LEG_TITLES = {"code": _("Code leg"), "model": _("Model leg"), "corpus": _("Corpus leg")}
YES_NO = (("true", _("Yes")), ("false", _("No")))


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


def count_project_facets(filterset: ProjectFilterSet) -> list[Facet]:
    """Every facet of the project list with its values and counts; needs a validated `filterset`.

    Values no project has are left out unless selected. Runs one query per facet.
    """
    facets = []
    for name, title, count_values in FACETS:
        base = Project.objects.filter(pk__in=filterset.filter_queryset_without(name).values("pk"))
        selected = filterset.data.get(name, "")
        values = [FacetValue(value, label, count, value == selected)
                  for value, label, count in count_values(base, name) if count or value == selected]
        facets.append(Facet(name, title, values))
    return facets


def _kinds(base: QuerySet, name: str):
    counts = dict(base.values_list("kind").annotate(n=Count("pk")).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in Project.Kind.choices]


def _codes(field: str, normalise):
    def count(base: QuerySet, name: str):
        counts = Counter(normalise(code) for codes in base.values_list(field, flat=True) for code in codes or [])
        return [(code, code, n) for code, n in sorted(counts.items())]
    return count


def _organisations(base: QuerySet, name: str):
    rows = (Organisation.objects.filter(projects__in=base).values_list("slug", "name")
            .annotate(n=Count("projects", distinct=True)).order_by("-n", "name"))
    return list(rows)


def _licence_classes(base: QuerySet, name: str):
    counts = dict(HubRepo.objects.filter(project__in=base).annotate(cls=licence_class_of_repo())
                  .values_list("cls").annotate(n=Count("project", distinct=True)).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in LicenceClass.choices]


def _leg_values(base: QuerySet, leg: str):
    rows = with_openness(base).annotate(v=F(f"{leg}_value")).values_list("v").annotate(n=Count("pk")).order_by()
    counts = dict(rows)
    return [(value, label, counts.get(value, 0)) for value, label in LegValue.choices]


def _e2e(base: QuerySet, name: str):
    rows = with_openness(base).annotate(c=F("code_value"), m=F("model_value"), k=F("corpus_value"))
    all_open = Q(c=LegValue.OPEN, m=LegValue.OPEN, k=LegValue.OPEN)
    return _yes_no(rows.aggregate(yes=Count("pk", filter=all_open), all=Count("pk")))


def _hub_data(base: QuerySet, name: str):
    repos = HubRepo.objects.filter(project=OuterRef("pk")).exclude(data_origin=DataOrigin.NONE)
    return _yes_no(base.annotate(has=Exists(repos)).aggregate(yes=Count("pk", filter=Q(has=True)), all=Count("pk")))


def _yes_no(totals: dict):
    counts = {"true": totals["yes"], "false": totals["all"] - totals["yes"]}
    return [(value, label, counts[value]) for value, label in YES_NO]


FACETS = [
    ("kind", _("Kind"), _kinds),
    ("country", _("Country"), _codes("countries", str.upper)),
    ("organisation", _("Organisation"), _organisations),
    ("language", _("Language"), _codes("languages", str.lower)),
    ("license_class", _("Licence class"), _licence_classes),
    *[(leg, LEG_TITLES[leg], _leg_values) for leg in OPENNESS_LEGS],
    ("e2e", pgettext_lazy("facet", "E2E open"), _e2e),
    ("has_hub_data", _("Has Hub data"), _hub_data),
]
