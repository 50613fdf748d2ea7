"""The home page's numbers and charts, from the selectors' counts (no queries of their own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from registry.badges import LABEL_COLOURS, LEG_ORDER, VALUE_COLOURS
from registry.charts import Bar, Series, bar_chart
from registry.iso_names import country_name
from registry.models import LegValue
from registry.openness import Label
from registry.views.openness_display import LEG_TITLES
from registry.vocabulary import families_counted, label_name, plural_noop, value_name

ACCENT = "#1f4fb4"
TOP_COUNTRIES = 15
FAMILIES = plural_noop("family", "families")


@dataclass(frozen=True)
class Share:
    count: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total) if self.total else 0


def openness_by_leg_chart(counts: dict[str, dict[str, int]]) -> SafeString:
    """Stacked bars, one per leg, of the model families' values: open, partial, closed, unknown."""
    series = tuple(Series(value_name(value), VALUE_COLOURS[value], partial(families_counted, value))
                   for value in LegValue.values)
    bars = [Bar(str(LEG_TITLES[leg.value]), tuple(counts[leg.value][value] for value in LegValue.values))
            for leg in LEG_ORDER]
    return mark_safe(bar_chart(
        chart_id="chart-legs", title=_("Openness of the model families, leg by leg"),
        description=_("For each leg, how many model families are open, partial, closed or unknown."),
        series=series, bars=bars, unit=FAMILIES))


def projects_by_country_chart(counts: list[tuple[str, int]]) -> SafeString:
    """Bars of the countries with the most projects (a project counts in each of its and its organisations'
    countries)."""
    shown = counts[:TOP_COUNTRIES]
    rest = (" " + _("The %(shown)s countries with the most projects, of %(total)s.") % {
        "shown": len(shown), "total": len(counts)}) if len(counts) > len(shown) else ""
    return mark_safe(bar_chart(
        chart_id="chart-countries", title=_("Projects by country"),
        description=_("Projects named for a country or with an organisation in it.") + rest,
        series=(Series(_("projects"), ACCENT),), bars=[Bar(country_name(code), (n,)) for code, n in shown],
        unit=plural_noop("project", "projects")))


def families_by_year_chart(rows: list[tuple[int, dict[str, int]]]) -> SafeString:
    """Stacked bars, one per year of the model families' first release, by openness label."""
    series = tuple(Series(label_name(label), LABEL_COLOURS[label], partial(families_counted, label)) for label in Label)
    bars = [Bar(str(year), tuple(labels.get(str(label), 0) for label in Label)) for year, labels in rows]
    return mark_safe(bar_chart(
        chart_id="chart-years", title=_("Model families by the year of their first release, and their openness"),
        description=_("The year of a family's first release: the Index's release month, or the Hub's creation "
                      "date of its earliest checkpoint, whichever is earlier."),
        series=series, bars=bars, unit=FAMILIES))


def downloads_chart(totals: list[tuple[date, int]]) -> SafeString:
    """Bars of the summed 30-day download counts at each day a sync recorded them."""
    return mark_safe(bar_chart(
        chart_id="chart-downloads", title=_("Downloads over time, as the Hub syncs recorded them"),
        description=_("For each day a sync recorded downloads: the Hub's 30-day download counts of every tracked "
                      "repository, summed."),
        series=(Series(_("downloads"), ACCENT),), bars=[Bar(date_format(day, "SHORT_DATE_FORMAT"), (n,)) for day, n in totals],
        unit=plural_noop("download", "downloads")))
