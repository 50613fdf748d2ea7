"""A visitor browses the seeded catalog in a real browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_a_project_from_the_home_page(live_server, page, console_errors):
    from registry.services.catalog_loader import load_catalog

    load_catalog()
    page.goto(live_server.url)
    assert page.locator("h1").inner_text() == "How open are Europe's open LLMs?"
    assert page.locator("table.catalog tbody tr").count() == 64

    page.get_by_role("link", name="Lucie", exact=True).click()
    page.wait_for_url("**/projects/lucie/")
    assert page.locator("h1").inner_text() == "Lucie"
    assert console_errors == []


def test_the_home_page_fits_a_phone_screen(live_server, page):
    from registry.services.catalog_loader import load_catalog

    load_catalog()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url)
    body_width = page.evaluate("document.body.scrollWidth")
    assert body_width <= 375
