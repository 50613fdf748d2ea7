"""Hostile paths and cursors are 4xx in the API's JSON error shape; a crash is a JSON 500."""

import json
from base64 import urlsafe_b64encode

import pytest
from django.test import Client

from tests.factories import HubRepoFactory

pytestmark = pytest.mark.django_db


def cursor(text: str) -> str:
    return urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.fixture
def crash_tolerant_client():
    return Client(raise_request_exception=False)


def assert_api_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["code"] == code and body["detail"]
    return body


@pytest.mark.parametrize("path", [
    "/api/v1/hub-repos/model/a%00b/",
    "/api/v1/hub-repos/model/org/a%00b/",
    "/api/v1/hub-repos/dataset/%00/",
    "/api/v1/hub-repos/model/org/a%0Ab/",
    "/api/v1/hub-repos/model/org/a%1Fb/",
])
def test_a_control_character_in_a_hub_repo_path_is_a_json_404(crash_tolerant_client, path):
    HubRepoFactory(repo_id="org/ab")
    assert_api_error(crash_tolerant_client.get(path), 404, "not_found")


@pytest.mark.parametrize("path", ["/projects/a%00b/", "/badges/a%00b.svg", "/badges/a%00b/model.svg"])
def test_a_nul_in_a_site_path_is_a_404(crash_tolerant_client, path):
    assert crash_tolerant_client.get(path).status_code == 404


@pytest.mark.parametrize("token", [
    cursor('{"o":["repo_type","repo_id","pk"],"p":["model","a",1e999]}'),
    cursor('{"o":["repo_type","repo_id","pk"],"p":["model","a",-1e999]}'),
    cursor('{"o":["repo_type","repo_id","pk"],"p":["model","a",1e308]}'),
    cursor('{"o":["repo_type","repo_id","pk"],"p":["model","a",99999999999999999999999]}'),
    cursor('{"o":["repo_type","repo_id","pk"],"p":["model","a",NaN]}'),
    cursor('{"o":["repo_type","repo_id","pk"],"p":["model","a\\u0000",1]}'),
    cursor('{"o":["repo_type","repo_id","pk"],"p":["model","a"]}'),
    cursor('{"o":["repo_type","repo_id","pk"],"p":{"a":1}}'),
    cursor('{"o":["repo_type","repo_id","pk"],"p":["model","a",1],"b":"yes"}'),
    cursor('[1]'), cursor('"x"'), cursor("null"), cursor("{"),
    "%00", "not base64!", urlsafe_b64encode(b"\xff\xfe").decode(),
])
def test_a_malformed_cursor_is_a_json_400_naming_it(crash_tolerant_client, token):
    body = assert_api_error(crash_tolerant_client.get(f"/api/v1/hub-repos/?cursor={token}"),
                            400, "invalid_parameter")
    assert body["parameter"] == "cursor"


def test_an_unexpected_crash_in_the_api_is_a_json_500(crash_tolerant_client, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr("registry.selectors.get_catalog_stats", crash)
    body = assert_api_error(crash_tolerant_client.get("/api/v1/stats/"), 500, "server_error")
    assert "boom" not in body["detail"]


def test_a_crash_on_the_site_keeps_django_s_html_page(crash_tolerant_client, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr("registry.selectors.get_grid_summary", crash)
    response = crash_tolerant_client.get("/")
    assert response.status_code == 500 and response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("value", ["0189-09-24T00:00:00+23:51", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z"])
def test_an_updated_since_before_1970_is_a_400_naming_the_parameter(client, value):
    response = client.get("/api/v1/hub-repos/", {"updated_since": value})

    assert response.status_code == 400
    assert "updated_since" in response.json()["errors"]
