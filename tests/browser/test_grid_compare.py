"""A visitor opens the openness grid, ticks three families and compares them side by side."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_ticks_three_families_on_the_grid_and_compares_them(live_server, page, console_errors):
    from tests.factories import LegAssessmentFactory, ProjectFactory

    for name, values in (("Alpha", "open open open"), ("Beta", "open open partial"), ("Gamma", "closed partial closed"),
                         ("Delta", "unknown unknown unknown")):
        project = ProjectFactory(name=name, slug=name.lower())
        for leg, value in zip(("code", "model", "corpus"), values.split(), strict=True):
            LegAssessmentFactory(project=project, leg=leg, computed_value=value)

    page.goto(f"{live_server.url}/grid/")
    assert page.locator(".grid-summary").inner_text() == "1 of 4 model families are E2E open; 2 have open weights."
    for name in ("Gamma", "Alpha", "Beta"):
        page.get_by_label(f"Compare {name}").check()
    page.get_by_role("button", name="Compare selected").click()

    page.wait_for_url("**/compare/?projects=*")
    assert page.locator("h1").inner_text() == "Compare 3 projects"
    assert page.locator("table.compare thead th a").all_inner_texts() == ["Alpha", "Beta", "Gamma"]
    model_row = page.locator("tr", has=page.get_by_role("rowheader", name="Open model"))
    assert model_row.locator(".differs-marker").inner_text().lower() == "differs"
    assert console_errors == []
