"""HTTP done right: read-only methods, content negotiation, one JSON error shape, throttling, CORS."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from api.throttling import CountingThrottle
from tests.factories import HubRepoFactory, ProjectFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v1/projects/", "/api/v1/projects/p/", "/api/v1/hub-repos/",
             "/api/v1/hub-repos/model/a/b/", "/api/v1/organisations/", "/api/v1/licenses/",
             "/api/v1/changes/", "/api/v1/stats/", "/api/v1/sync-runs/"]


@pytest.fixture
def catalog():
    HubRepoFactory(repo_id="a/b", project=ProjectFactory(slug="p"))


@pytest.fixture
def token_user():
    user = get_user_model().objects.create_user("dashboard", password="secret-password")
    return user, Token.objects.create(user=user).key


@pytest.mark.parametrize("url", ENDPOINTS)
def test_every_endpoint_answers_get_with_json(client, catalog, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/v1/projects/", "/api/v1/projects/p/", "/api/v1/stats/"])
def test_writing_is_refused_with_405_to_anonymous_clients(client, catalog, method, url):
    response = getattr(client, method)(url, {}, content_type="application/json")
    assert response.status_code == 405
    assert response.json() == {"detail": f'Method "{method.upper()}" not allowed.',
                               "code": "method_not_allowed"}
    assert "POST" not in response["Allow"]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_writing_is_refused_with_405_to_token_holders(client, catalog, token_user, method):
    _, key = token_user
    response = getattr(client, method)("/api/v1/projects/p/", {}, content_type="application/json",
                                       HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 405


def test_writing_is_refused_with_405_to_signed_in_users(client, catalog, token_user):
    user, _ = token_user
    client.force_login(user)
    assert client.post("/api/v1/projects/", {}, content_type="application/json").status_code == 405


def test_a_token_holder_reads_like_anyone_and_a_bad_token_is_a_401(client, catalog, token_user):
    _, key = token_user
    assert client.get("/api/v1/projects/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    response = client.get("/api/v1/projects/", HTTP_AUTHORIZATION="Token nope")
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"


def test_an_unknown_query_parameter_is_a_400_naming_it(client):
    response = client.get("/api/v1/projects/", {"knd": "tool"})
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == "knd"
    assert body["detail"].startswith("Unknown query parameter 'knd'. This endpoint accepts: code, corpus,")


def test_a_detail_endpoint_accepts_no_filters(client, catalog):
    response = client.get("/api/v1/projects/p/", {"kind": "tool"})
    assert response.status_code == 400 and response.json()["parameter"] == "kind"


def test_an_unknown_format_is_a_400_naming_the_parameter(client, catalog):
    response = client.get("/api/v1/projects/", {"format": "xml"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Unknown format. Choose from: json, csv."
    assert client.get("/api/v1/projects/p/", {"format": "csv"}).json()["parameter"] == "format"


def test_an_accept_header_that_cannot_be_served_is_a_json_406(client):
    response = client.get("/api/v1/projects/", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_acceptable"


def test_errors_are_json_even_when_csv_was_asked_for(client):
    response = client.get("/api/v1/projects/", {"format": "csv", "kind": "robot"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["parameter"] == "kind"


def test_an_api_path_that_names_nothing_is_a_json_404(client):
    response = client.get("/api/v1/nothing/here/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No API resource at /api/v1/nothing/here/.", "code": "not_found"}


def test_a_missing_trailing_slash_still_redirects(client):
    response = client.get("/api/v1/projects")
    assert response.status_code == 301 and response["Location"] == "/api/v1/projects/"


def test_anonymous_clients_over_the_rate_get_a_json_429_with_retry_after(client, anon_rate):
    anon_rate("2/minute")
    assert [client.get("/api/v1/stats/").status_code for _ in range(2)] == [200, 200]
    response = client.get("/api/v1/stats/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["code"] == "throttled"
    assert response.json()["detail"].startswith("Request was throttled.")


def test_a_refused_client_is_told_when_the_window_its_first_request_opened_closes(client, anon_rate, monkeypatch):
    anon_rate("2/minute")
    now = [1000.0]
    monkeypatch.setattr(CountingThrottle, "timer", lambda self: now[0])
    assert [client.get("/api/v1/stats/").status_code for _ in range(2)] == [200, 200]
    now[0] += 20
    response = client.get("/api/v1/stats/")
    assert response.status_code == 429 and response["Retry-After"] == "40"


def test_behind_one_proxy_each_client_address_has_its_own_bucket_and_spoofed_hops_are_ignored(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1,
                               "DEFAULT_THROTTLE_RATES": {"anon": "1/minute"}}
    # nginx appends the address it saw; whatever a client put before it is not believed.
    def get(forwarded_for):
        return client.get("/api/v1/stats/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR=forwarded_for).status_code

    assert [get("203.0.113.1"), get("203.0.113.2")] == [200, 200]
    assert get("203.0.113.1") == 429
    assert get("198.51.100.9, 203.0.113.2") == 429  # a forged first hop does not buy a new bucket


def test_token_holders_are_not_throttled(client, anon_rate, token_user):
    anon_rate("1/minute")
    _, key = token_user
    statuses = [client.get("/api/v1/stats/", HTTP_AUTHORIZATION=f"Token {key}").status_code
                for _ in range(3)]
    assert statuses == [200, 200, 200]


def test_browsers_on_any_origin_may_read_the_api_and_its_validators(client):
    response = client.get("/api/v1/stats/", HTTP_ORIGIN="https://dashboard.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert {"ETag", "Link", "Retry-After"} <= set(response["Access-Control-Expose-Headers"].split(", "))


def test_a_cors_preflight_allows_get_only(client):
    response = client.options("/api/v1/projects/", HTTP_ORIGIN="https://dashboard.example",
                              HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
