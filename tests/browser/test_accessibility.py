"""Every main page passes axe-core's checks and fits a phone, and a visitor can use the site by keyboard alone.

axe-core comes from the pinned PyPI package axe-playwright-python (axe-core 4.12.1, MPL-2.0, inside the wheel):
nothing is fetched from a CDN.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAIN_PAGES = {
    "home": "/",
    "project list with a facet": "/projects/?kind=model-family",
    "grid": "/grid/",
    "compare": "/compare/?projects=lucie,salamandra,apertus",
    "project page": "/projects/lucie/",
    "organisations": "/organisations/",
    "organisation": "/organisations/openllm-france/",
    "country": "/countries/FR/",
    "language": "/languages/fr/",
    "methodology": "/methodology/",
    "status": "/status/",
    "privacy": "/privacy/",
    "log-in": "/accounts/login/",
    "submit form": "/submit/",
}
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def signed_in_site(live_server, page):
    """The seeded catalog and a browser signed in as a contributor (the submit form needs an account)."""
    from django.contrib.auth import get_user_model

    from registry.services.catalog_loader import load_catalog
    from registry.services.hub_sync import load_hub_snapshot
    from registry.services.openness import recompute_all_openness

    load_catalog()
    recompute_all_openness(cause="the seed catalog")
    load_hub_snapshot()
    client = Client()
    client.force_login(get_user_model().objects.create_user("reader", "reader@example.org", "a-long-password-1"))
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    return live_server.url


def open_page(page, url: str) -> None:
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    if "/projects/lucie/" in url:  # a leg expanded: its facts, sources and dates are checked too
        page.locator("details.leg > summary").first.click()


def blocking_violations(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']]}"
            for v in violations if v["impact"] in BLOCKING_IMPACTS]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_serious_or_critical_violation_on_any_main_page(page, signed_in_site, width):
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for name, path in MAIN_PAGES.items():
        open_page(page, signed_in_site + path)
        if violations := blocking_violations(page):
            found[name] = violations
    assert found == {}, "\n".join(f"{name}: {v}" for name, violations in found.items() for v in violations)


def test_no_main_page_scrolls_sideways_at_360_px(page, signed_in_site):
    page.set_viewport_size({"width": 360, "height": 800})
    too_wide = {}
    for name, path in MAIN_PAGES.items():
        open_page(page, signed_in_site + path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > 360:
            too_wide[name] = width
    assert too_wide == {}


def focus_by_tab(page, locator, *, max_presses: int = 200) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_a_keyboard_user_filters_the_list_opens_a_project_and_expands_a_leg(page, signed_in_site):
    page.goto(signed_in_site + "/projects/")
    kind = page.get_by_label("Kind")
    focus_by_tab(page, kind)
    kind.press("ArrowDown")  # a <select>'s options change with the arrow keys
    page.wait_for_url(re.compile(r"kind="))

    page.goto(signed_in_site + "/projects/lucie/")
    leg = page.locator("details.leg").first
    focus_by_tab(page, leg.locator("summary"))
    page.keyboard.press("Enter")
    assert leg.evaluate("details => details.open")
    page.keyboard.press("Enter")
    assert not leg.evaluate("details => details.open")


def test_a_keyboard_user_picks_families_on_the_grid_and_compares_them(page, signed_in_site):
    page.goto(signed_in_site + "/grid/")
    for name in ("Lucie", "Salamandra"):
        box = page.get_by_label(f"Compare {name}", exact=True)
        focus_by_tab(page, box, max_presses=400)
        page.keyboard.press("Space")
        assert box.is_checked()
    focus_by_tab(page, page.get_by_role("button", name="Compare selected"), max_presses=400)
    page.keyboard.press("Enter")
    page.wait_for_url("**/compare/?projects=*")
    assert page.locator("table.compare thead th a").all_inner_texts() == ["Lucie", "Salamandra"]


def test_a_keyboard_user_switches_the_language(page, signed_in_site):
    page.goto(signed_in_site + "/grid/")
    french = page.locator(".language-switcher a[hreflang=fr]")
    focus_by_tab(page, french)
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/grid/")
    assert page.locator("html").get_attribute("lang") == "fr"
