"""A visitor searches the project list with a typo, narrows it with two facets and sorts it, in a real browser."""

import re

import pytest
from django.db import connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def result_names(page) -> list[str]:
    return page.locator(".project-card h3").all_inner_texts()


def test_a_visitor_searches_filters_and_sorts_the_project_list(live_server, page, console_errors):
    from registry.services.catalog_loader import load_catalog

    load_catalog()
    page.goto(f"{live_server.url}/projects/")
    # PostgreSQL forgives the typo (pg_trgm); SQLite's substring search needs the word as written.
    page.get_by_label("Search projects").fill("mistrall" if connection.vendor == "postgresql" else "mistral")
    page.wait_for_url(re.compile(r"search=mistral"))
    page.wait_for_function("document.querySelector('#results-title').textContent.includes('matching')")
    assert result_names(page)[0].startswith("Mistral")

    page.get_by_label("Search projects").fill("")
    page.wait_for_url(re.compile(r"search=&"))
    page.get_by_label("Kind").select_option("model-family")
    page.wait_for_url(re.compile(r"kind=model-family"))
    page.get_by_label("Country").select_option("FR")
    page.wait_for_url(re.compile(r"country=FR"))
    page.get_by_label("Sort by").select_option("name")
    page.wait_for_url(re.compile(r"sort=name"))
    page.wait_for_load_state("networkidle")

    names = result_names(page)
    assert "Lucie" in names and "Apertus" not in names
    assert names == sorted(names, key=str.lower)
    assert "kind=model-family" in page.url and "country=FR" in page.url

    page.reload()  # the URL alone gives the same view
    assert result_names(page) == names
    assert console_errors == []
