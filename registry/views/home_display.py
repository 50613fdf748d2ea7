"""The home page's numbers and charts, from the selectors' counts (no queries of their own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.safestring import SafeString, mark_safe

from registry.badges import LABEL_COLOURS, LEG_ORDER, VALUE_COLOURS
from registry.charts import Bar, Series, bar_chart
from registry.iso_names import country_name
from registry.models import LegValue
from registry.openness import Label
from registry.views.openness_display import LEG_TITLES

ACCENT = "#1f4fb4"
TOP_COUNTRIES = 15
FAMILIES = ("family", "families")


@dataclass(frozen=True)
class Share:
    count: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total) if self.total else 0


def openness_by_leg_chart(counts: dict[str, dict[str, int]]) -> SafeString:
    """Stacked bars, one per leg, of the model families' values: open, partial, closed, unknown."""
    series = tuple(Series(value, VALUE_COLOURS[value]) for value in LegValue.values)
    bars = [Bar(LEG_TITLES[leg.value], tuple(counts[leg.value][value] for value in LegValue.values))
            for leg in LEG_ORDER]
    return mark_safe(bar_chart(
        chart_id="chart-legs", title="Openness of the model families, leg by leg",
        description="For each leg, how many model families are open, partial, closed or unknown.",
        series=series, bars=bars, unit=FAMILIES))


def projects_by_country_chart(counts: list[tuple[str, int]]) -> SafeString:
    """Bars of the countries with the most projects (a project counts in each of its and its organisations'
    countries)."""
    shown = counts[:TOP_COUNTRIES]
    rest = f" The {len(shown)} countries with the most projects, of {len(counts)}." if len(counts) > len(shown) else ""
    return mark_safe(bar_chart(
        chart_id="chart-countries", title="Projects by country",
        description="Projects named for a country or with an organisation in it." + rest,
        series=(Series("projects", ACCENT),), bars=[Bar(country_name(code), (n,)) for code, n in shown],
        unit=("project", "projects")))


def families_by_year_chart(rows: list[tuple[int, dict[str, int]]]) -> SafeString:
    """Stacked bars, one per year the model families entered the catalog, by openness label."""
    series = tuple(Series(str(label), LABEL_COLOURS[label]) for label in Label)
    bars = [Bar(str(year), tuple(labels.get(str(label), 0) for label in Label)) for year, labels in rows]
    return mark_safe(bar_chart(
        chart_id="chart-years", title="Model families by the year they entered the catalog, and their openness",
        description="The year is when the registry first recorded the family, not its release date.",
        series=series, bars=bars, unit=FAMILIES))


def downloads_chart(totals: list[tuple[date, int]]) -> SafeString:
    """Bars of the summed 30-day download counts at each day a sync recorded them."""
    return mark_safe(bar_chart(
        chart_id="chart-downloads", title="Downloads over time, as the Hub syncs recorded them",
        description="For each day a sync recorded downloads: the Hub's 30-day download counts of every tracked "
                    "repository, summed.",
        series=(Series("downloads", ACCENT),), bars=[Bar(day.isoformat(), (n,)) for day, n in totals],
        unit=("download", "downloads")))
