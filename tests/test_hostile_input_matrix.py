"""Hostile input through every API query parameter (from the published OpenAPI schema) and path, every URL
pattern's path parameters and the site's GET forms (issue 9, point 8).

Whatever the value: never a 5xx; under /api/ every error is a 4xx in the API's JSON error shape (a value a
parameter accepts, such as a search text, is a 200 in JSON); and no HTML page carries the value unescaped
or as a `javascript:` link.
"""

import json
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from django.test import Client

from registry.filters import ProjectFilterSet
from tests.factories import HubRepoFactory, OrganisationFactory, ProjectFactory
from tests.url_patterns import all_routes

pytestmark = pytest.mark.django_db

SCHEMA = yaml.safe_load((Path(__file__).resolve().parents[1] / "api" / "schema" / "openapi-v1.yaml").read_text())

XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
       "'><svg/onload=alert(1)>"]
HTML = ['<b>bold</b><a href="https://evil.example/">x</a>', "<!--", "</textarea><h1>x</h1>"]
OVERLONG = ["a" * 10_000]
NUL = ["a\x00b", "\x00"]
CONFUSABLE = ["ｌｕｃｉｅ", "lucіe", "\u202eeicul", "lu\u200bcie", "Ⅼucie", "ß" * 50]
MALFORMED = ["%", "1e999", "-1", "NaN", "[]", "{}", "' OR 1=1 --", "0x00", "2025-13-45", "true\r\nX-Injected: 1"]
PAYLOADS = XSS + HTML + OVERLONG + NUL + CONFUSABLE + MALFORMED
# Already percent-encoded: bytes that are not UTF-8, a lone surrogate, a dangling escape.
RAW_PAYLOADS = ["%ff%fe", "%ed%a0%80", "%e2%80", "%", "%%00"]
# The site's pages render facets and counts on every request: one or two values of each kind keep this fast.
SITE_PAYLOADS = XSS + HTML + OVERLONG + NUL[:1] + CONFUSABLE[:3] + MALFORMED[:3]


def encoded(payload: str) -> str:
    return quote(payload, safe="")


@pytest.fixture
def client(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        name: None for name in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]}}
    return Client(raise_request_exception=False)


@pytest.fixture
def catalog():
    organisation = OrganisationFactory(slug="openllm-france", name="OpenLLM France", country="FR")
    lucie = ProjectFactory(slug="lucie", name="Lucie", organisations=[organisation])
    ProjectFactory(slug="claire", name="Claire", organisations=[organisation])
    HubRepoFactory(project=lucie, repo_id="OpenLLM-France/Lucie-7B")
    return lucie


def problems_with(response, payload: str, path: str) -> list[str]:
    """What is wrong with this answer to a hostile request; empty when nothing is."""
    where = f"{path[:120]}{'…' if len(path) > 120 else ''} -> {response.status_code}"
    if response.status_code >= 500:
        return [f"{where}: server error"]
    if path.startswith("/api/"):
        return api_problems(response, where)
    return html_problems(response, payload, where)


def api_problems(response, where: str) -> list[str]:
    if response.status_code in (301, 302, 304):
        return []
    if not response["Content-Type"].startswith(("application/json", "text/csv")):
        return [f"{where}: {response['Content-Type']}, not JSON"]
    if response.status_code >= 400:
        body = json.loads(response.content)
        if not (isinstance(body, dict) and body.get("detail") and body.get("code")):
            return [f"{where}: not the API's error shape: {body}"]
    return []


def html_problems(response, payload: str, where: str) -> list[str]:
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    html = response.content.decode(errors="replace")
    found = []
    if any(char in payload for char in "<>\"'") and payload in html:
        found.append(f"{where}: the payload appears unescaped")
    if 'href="javascript:' in html.lower() or 'src="javascript:' in html.lower():
        found.append(f"{where}: a javascript: link")
    return found


def send(client, path: str, parameter: str | None, value: str, *, raw=False, **headers) -> list[str]:
    value_in_url = value if raw else encoded(value)
    url = f"{path}?{parameter}={value_in_url}" if parameter else path
    return problems_with(client.get(url, **headers), value, url)


# --- The API: every query parameter of every operation, then every path parameter -------------------------

API_OPERATIONS = [(path, operation) for path, methods in SCHEMA["paths"].items()
                  for method, operation in methods.items() if method == "get"]
PATH_VALUES = {"slug": "lucie", "repo_type": "model", "repo_id": "OpenLLM-France/Lucie-7B"}


def filled(path: str, **override) -> str:
    for name, value in {**PATH_VALUES, **override}.items():
        path = path.replace("{" + name + "}", value)
    return path


@pytest.mark.parametrize(("path", "operation"), API_OPERATIONS, ids=[path for path, _ in API_OPERATIONS])
def test_every_api_query_parameter_answers_hostile_values_in_json_without_a_crash(client, catalog, path, operation):
    query_parameters = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
    query_parameters.append("not_a_parameter")
    failures = [problem for name in query_parameters for payload in PAYLOADS
                for problem in send(client, filled(path), name, payload)]
    failures += [problem for name in query_parameters for payload in RAW_PAYLOADS
                 for problem in send(client, filled(path), name, payload, raw=True)]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("payload", PAYLOADS + ["..", "a/b/c", " "], ids=range(len(PAYLOADS) + 3))
def test_every_api_path_parameter_answers_hostile_values_with_a_json_4xx(client, catalog, payload):
    failures = []
    for path, operation in API_OPERATIONS:
        for parameter in (p["name"] for p in operation.get("parameters", []) if p["in"] == "path"):
            url = filled(path, **{parameter: encoded(payload)})
            response = client.get(url)
            failures += problems_with(response, payload, url)
            if not 400 <= response.status_code < 500:
                failures.append(f"{url[:120]} -> {response.status_code}, expected a 4xx")
    assert not failures, "\n".join(failures)


# --- The site: every URL pattern's path parameters, and the GET forms ------------------------------------------

ROUTES_WITH_PARAMETERS = [route for route in all_routes() if route.parameters]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_no_url_pattern_crashes_or_reflects_a_hostile_path_parameter(client, catalog, payload):
    failures = []
    for route in ROUTES_WITH_PARAMETERS:
        try:
            url = route.path(dict.fromkeys(route.parameters, encoded(payload)))
        except KeyError:
            continue
        failures += problems_with(client.get(url), payload, url)
    assert not failures, "\n".join(failures)


SITE_FORMS = {
    "/projects/": [*ProjectFilterSet.base_filters, "sort", "page", "q"],
    "/grid/": [*ProjectFilterSet.base_filters, "sort", "e2e"],
    "/compare/": ["projects"],
    "/": ["q"],
}


SITE_FORM_FIELDS = [(path, name) for path, names in SITE_FORMS.items() for name in names]


@pytest.mark.parametrize(("path", "parameter"), SITE_FORM_FIELDS, ids=[f"{p}?{n}" for p, n in SITE_FORM_FIELDS])
def test_the_site_s_get_forms_never_crash_nor_reflect_hostile_values(client, catalog, path, parameter):
    failures = [problem for payload in SITE_PAYLOADS for problem in send(client, path, parameter, payload)]
    failures += [problem for payload in RAW_PAYLOADS[:2]
                 for problem in send(client, path, parameter, payload, raw=True)]
    assert not failures, "\n".join(failures)


def test_the_project_list_fragment_for_htmx_never_reflects_hostile_values(client, catalog):
    failures = [problem for payload in SITE_PAYLOADS
                for problem in send(client, "/projects/", "search", payload, HTTP_HX_REQUEST="true")]
    assert not failures, "\n".join(failures)


def test_a_compare_of_hostile_slugs_beside_a_real_one_is_a_400_page_that_escapes_them(client, catalog):
    failures = [problem for payload in XSS + HTML
                for problem in send(client, "/compare/", "projects", f"lucie,{payload}")]
    assert not failures, "\n".join(failures)


# --- Fields shown on pages: a contributor's (or an import's) hostile text is escaped wherever it appears --------

def test_hostile_text_stored_on_a_project_is_escaped_on_every_page_and_format(client):
    name = '<script>alert("name")</script>'
    organisation = OrganisationFactory(slug="evil", name='"><img src=x onerror=alert(1)>', country="FR")
    project = ProjectFactory(slug="evil", name=name, organisations=[organisation],
                             summary="<iframe src=//evil.example></iframe>")
    ProjectFactory(slug="plain", name="Plain")
    HubRepoFactory(project=project, repo_id="evil-org/model")
    failures = []
    for page in STORED_FIELD_PAGES:
        response = client.get(page)
        failures += [f"{page} -> {response.status_code}"] if response.status_code >= 400 else []
        for payload in (name, organisation.name, project.summary):
            failures += unescaped_in(response, payload, page)
    assert not failures, "\n".join(failures)


STORED_FIELD_PAGES = ["/", "/projects/", "/projects/?search=script", "/grid/", "/compare/?projects=evil,plain",
                      "/projects/evil/", "/organisations/", "/organisations/evil/", "/feeds/projects.atom",
                      "/badges/evil.svg", "/api/v1/projects/?format=csv", "/api/v1/projects/evil/"]


def test_a_stored_javascript_url_never_becomes_a_link(client):
    organisation = OrganisationFactory(slug="evil", website="javascript:alert(1)")
    ProjectFactory(slug="evil", organisations=[organisation], website="javascript:alert(1)",
                   paper_url="javascript:alert(2)", code_url="javascript:alert(3)")
    failures = [problem for page in ("/projects/evil/", "/organisations/evil/")
                for problem in html_problems(client.get(page), "javascript:alert(1)", page)]
    assert not failures, "\n".join(failures)


def unescaped_in(response, payload: str, page: str) -> list[str]:
    content_type = response.get("Content-Type", "")
    if content_type.startswith(("application/json", "text/csv")):
        return []  # data formats carry text as text; the CSV formula guard is tested in tests/api/test_csv.py
    return [f"{page}: {payload!r} unescaped"] if payload in response.content.decode(errors="replace") else []

