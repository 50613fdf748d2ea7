"""A visitor switches the site to French and back with the header's language switcher, as a person would."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_switches_to_french_keeps_browsing_in_french_and_switches_back(
        live_server, page, console_errors, seeded_catalog):
    page.goto(f"{live_server.url}/projects/?search=lucie")
    languages = page.get_by_role("navigation", name="Language")

    languages.get_by_role("link", name="Français").click()
    page.wait_for_url(re.compile(r"/fr/projects/\?search=lucie$"))
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("navigation", name="Principal").get_by_role("link", name="Grille d’ouverture").is_visible()
    assert page.get_by_role("navigation", name="Langue").locator("[aria-current]").inner_text() == "Français"

    page.locator("#main").get_by_role("link", name="Lucie", exact=True).first.click()
    page.wait_for_url("**/fr/projects/lucie/")
    assert page.locator("html").get_attribute("lang") == "fr"

    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_server.url}/projects/lucie/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Openness grid").is_visible()
    assert console_errors == []
