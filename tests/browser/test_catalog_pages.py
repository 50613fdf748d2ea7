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



def test_a_visitor_follows_a_projects_feed_link_and_gets_its_atom_feed(live_server, page, console_errors, seeded):
    page.goto(f"{live_server.url}/projects/lucie/")
    link = page.get_by_role("link", name="Follow the openness changes of Lucie (Atom feed)")
    assert link.is_visible()

    with page.expect_response("**/projects/lucie/changes.atom") as answer:
        link.click()
    response = answer.value
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = response.text()
    assert "<feed" in feed and "Lucie" in feed
    assert console_errors == []


def test_a_visitor_on_a_phone_searches_opens_a_project_and_reads_a_leg(live_server, page, console_errors, seeded):
    from registry.services.openness import recompute_all_openness

    recompute_all_openness()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url)
    page.get_by_label("Search the projects").fill("Lucie")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/projects/?*search=Lucie*")
    card = page.locator(".project-card").first
    assert card.is_visible() and card.bounding_box()["width"] <= 390

    card.get_by_role("link", name="Lucie", exact=True).click()
    page.wait_for_url("**/projects/lucie/")
    corpus = page.locator("details#leg-corpus")
    corpus.locator("summary").click()
    assert corpus.evaluate("details => details.open")
    facts = corpus.locator("table.facts-table")
    assert facts.is_visible() and "Lucie-Training-Dataset" in facts.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert console_errors == []
