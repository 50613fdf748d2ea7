"""A visitor browses the seeded catalog in a real browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded():
    from registry.services.catalog_loader import load_catalog

    load_catalog()


def test_a_visitor_finds_a_project_from_the_home_page_through_its_organisation(
        live_server, page, console_errors, seeded):
    page.goto(live_server.url)
    assert page.locator("h1").inner_text() == "How open are Europe's open LLMs?"
    assert page.locator("dl.stats").get_by_text("Projects").is_visible()
    assert page.locator("svg.chart").count() == 3

    page.locator(".ways-in-links").get_by_role("link", name="Organisations").click()
    page.get_by_role("link", name="OpenLLM-France", exact=True).click()
    page.wait_for_url("**/organisations/openllm-france/")
    assert page.locator(".project-card .openness-label").first.is_visible()

    page.get_by_role("link", name="Lucie", exact=True).click()
    page.wait_for_url("**/projects/lucie/")
    assert page.locator("h1").inner_text() == "Lucie"
    assert console_errors == []


def test_a_visitor_follows_a_language_heading_from_the_home_page(live_server, page, console_errors, seeded):
    page.goto(live_server.url)
    page.locator(".language-strip").get_by_role("link", name="French", exact=True).click()
    page.wait_for_url("**/languages/fr/")
    assert page.locator("h1").inner_text().startswith("French")
    assert page.get_by_role("link", name="Lucie", exact=True).is_visible()
    assert console_errors == []

