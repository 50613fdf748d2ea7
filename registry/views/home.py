"""The home page: the catalog's numbers and charts, and the ways in (search, grid, organisations, countries,
languages). It lists no projects, so that its cost does not grow with the catalog."""

from django.shortcuts import render

from registry import selectors
from registry.views.catalog_display import language_index
from registry.views.home_display import (
    TOP_COUNTRIES,
    Share,
    downloads_chart,
    families_by_year_chart,
    openness_by_leg_chart,
    projects_by_country_chart,
)


def home(request):
    summary = selectors.get_grid_summary()
    countries = selectors.count_projects_by_country()
    totals = selectors.list_download_totals()
    headings, _ = language_index(selectors.count_projects_by_language())
    release_years, undated_families = selectors.count_families_by_release_year()
    return render(request, "registry/home.html", {
        "numbers": selectors.count_catalog() | {"families": summary["families"], "countries": len(countries)},
        "e2e_open": Share(summary["e2e_open"], summary["families"]),
        "open_weights": Share(summary["open_weights"], summary["families"]),
        "legs_chart": openness_by_leg_chart(selectors.count_family_legs()),
        "countries_chart": projects_by_country_chart(countries),
        "countries_shown": min(TOP_COUNTRIES, len(countries)),
        "years_chart": families_by_year_chart(release_years),
        "undated_families": undated_families,
        "downloads_chart": downloads_chart(totals) if totals else None,
        "current_downloads": None if totals else selectors.get_current_downloads(),
        "latest_sync": None if totals else selectors.get_latest_sync_run(),
        "language_headings": headings,
    })
