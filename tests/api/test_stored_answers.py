"""An anonymous JSON GET whose answer is a 304 or a stored copy is answered before DRF handles the request, with
the bytes and headers DRF gives, counted by the same throttle; everything else goes through DRF."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.views import APIView

from api.caching import StoredAnswers
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/projects/", "/api/v1/projects/?page_size=1", "/api/v1/projects/p/", "/api/v1/stats/"]


@pytest.fixture(autouse=True)
def project():
    return ProjectFactory(slug="p")


@pytest.fixture
def drf_calls(monkeypatch):
    """The requests DRF handled, by path and query string."""
    calls = []
    dispatch = APIView.dispatch

    def counted(view, request, *args, **kwargs):
        calls.append(request.get_full_path())
        return dispatch(view, request, *args, **kwargs)

    monkeypatch.setattr(APIView, "dispatch", counted)
    return calls


def answers_through_drf_only(client, monkeypatch, url, **headers):
    with monkeypatch.context() as patched:
        patched.setattr(StoredAnswers, "answer", lambda self, request: None)
        return client.get(url, **headers)


@pytest.mark.parametrize("url", URLS)
def test_a_stored_answer_has_drf_s_bytes_and_headers_without_drf(client, url, drf_calls, monkeypatch):
    through_drf = answers_through_drf_only(client, monkeypatch, url)
    assert through_drf.status_code == 200 and drf_calls == [url]

    stored = client.get(url)

    assert drf_calls == [url]
    assert stored.content == through_drf.content
    assert dict(stored.headers) == dict(through_drf.headers)


@pytest.mark.parametrize("url", URLS)
def test_a_304_has_drf_s_headers_without_drf(client, url, drf_calls, monkeypatch):
    etag = client.get(url)["ETag"]
    through_drf = answers_through_drf_only(client, monkeypatch, url, HTTP_IF_NONE_MATCH=etag)
    drf_calls.clear()

    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert drf_calls == []
    assert not_modified.status_code == through_drf.status_code == 304
    assert dict(not_modified.headers) == dict(through_drf.headers)


def test_a_stored_answer_counts_against_the_client_s_rate(client, anon_rate, drf_calls):
    anon_rate("2/minute")
    assert [client.get("/api/v1/stats/").status_code for _ in range(2)] == [200, 200]
    assert len(drf_calls) == 1  # the second was stored

    refused = client.get("/api/v1/stats/")

    assert refused.status_code == 429 and refused.json()["code"] == "throttled" and "Retry-After" in refused


@pytest.mark.parametrize(("url", "headers"), [
    ("/api/v1/projects/", {"HTTP_AUTHORIZATION": "Token not-a-token"}),      # credentials: DRF's 401
    ("/api/v1/projects/", {"HTTP_ACCEPT": "text/csv"}),                      # another media type
    ("/api/v1/projects/?format=csv", {}),
    ("/api/v1/projects/?page_size=1&page_size=1", {}),                       # not canonical
    ("/api/v1/projects/?nonsense=1", {}),                                    # DRF's 400
    ("/api/v1/schema/", {}),                                                 # depends on the contract, not the catalog
])
def test_everything_else_goes_through_drf(client, url, headers, drf_calls):
    first, second = client.get(url, **headers), client.get(url, **headers)
    assert (first.status_code, second.content) == (second.status_code, first.content)
    assert len(drf_calls) == 2


def test_a_client_with_a_session_goes_through_drf(client, drf_calls):
    client.get("/api/v1/stats/")
    client.cookies["sessionid"] = "whatever"
    client.get("/api/v1/stats/")
    assert len(drf_calls) == 2


def test_a_miss_reads_the_catalog_version_once(client):
    with CaptureQueriesContext(connection) as context:
        assert client.get("/api/v1/projects/").status_code == 200
    assert sum("registry_catalogversion" in query["sql"] for query in context.captured_queries) == 1


@pytest.mark.parametrize("headers", [{}, {"HTTP_ACCEPT": "application/json, text/plain"}],
                         ids=["before DRF", "through DRF"])
def test_a_304_is_not_counted_against_the_client_s_rate(client, anon_rate, headers):
    anon_rate("2/minute")
    etag = client.get("/api/v1/stats/", **headers)["ETag"]  # counted: 1
    revalidations = [client.get("/api/v1/stats/", **headers, HTTP_IF_NONE_MATCH=etag).status_code for _ in range(5)]
    assert revalidations == [304] * 5
    assert [client.get("/api/v1/stats/", **headers).status_code for _ in range(2)] == [200, 429]


def test_an_empty_accept_header_goes_through_drf(client, drf_calls):
    client.get("/api/v1/stats/")
    client.get("/api/v1/stats/", HTTP_ACCEPT="")
    assert len(drf_calls) == 2
