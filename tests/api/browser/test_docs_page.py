"""The interactive API docs work in a real browser under the site's strict Content-Security-Policy."""

import pytest
import yaml

from api.views.docs import SCHEMA_FILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_lists_every_operation_without_csp_violations(live_server, page, console_errors):
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/projects/" in paths and "/api/v1/hub-repos/{repo_type}/{repo_id}/" in paths
    published = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))["paths"]
    assert len(paths) == sum(len(operations) for operations in published.values())
    assert console_errors == []


def test_a_visitor_tries_an_operation_from_the_docs(live_server, page, console_errors):
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.locator(".opblock-summary-path", has_text="/api/v1/stats/").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text() == "200"
    assert console_errors == []
