"""Validators, 304s and cached responses, all keyed on the catalog version that writes bump."""

import os
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from api.views.docs import CONTRACT_STAMP
from registry.services import catalog_version
from registry.services.catalog_version import bump_catalog_version, get_catalog_version
from registry.volatile_cache import volatile_cache
from tests.api.conftest import slugs
from tests.factories import HubRepoFactory, ProjectFactory

pytestmark = pytest.mark.django_db

GETS = ["/api/v1/projects/", "/api/v1/projects/p/", "/api/v1/stats/", "/api/v1/changes/",
        "/api/v1/schema/", "/api/v1/docs/"]


@pytest.fixture
def project():
    return ProjectFactory(slug="p")


def bump(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        bump_catalog_version()


@pytest.mark.parametrize("url", GETS)
def test_every_get_carries_an_etag_last_modified_and_cache_control(client, project, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')
    depends_on = CONTRACT_STAMP if url in ("/api/v1/schema/", "/api/v1/docs/") else get_catalog_version()
    assert response["Last-Modified"] == http_date(depends_on[1].timestamp())
    assert response["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize("url", GETS)
def test_a_matching_if_none_match_is_a_304_without_body(client, project, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_the_last_change_is_a_304(client, project):
    last_modified = client.get("/api/v1/projects/")["Last-Modified"]
    assert client.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_stale_validator_gets_the_full_response(client, project):
    response = client.get("/api/v1/projects/", HTTP_IF_NONE_MATCH='"something-else"',
                          HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2024 00:00:00 GMT")
    assert response.status_code == 200 and slugs(response) == ["p"]


def test_each_url_and_format_has_its_own_etag(client, project):
    etags = {client.get("/api/v1/projects/", params)["ETag"]
             for params in ({}, {"kind": "tool"}, {"format": "csv"}, {"page_size": 1})}
    assert len(etags) == 4


def test_a_repeated_request_is_served_from_the_cache_reading_only_the_catalog_version(
        client, project, django_assert_num_queries):
    first = client.get("/api/v1/projects/")
    with django_assert_num_queries(1):
        again = client.get("/api/v1/projects/")
    assert (again.content, again["Content-Type"], again["ETag"]) == (
        first.content, first["Content-Type"], first["ETag"])


def test_a_cached_csv_page_keeps_its_headers(client, project):
    ProjectFactory()
    first = client.get("/api/v1/projects/", {"format": "csv", "page_size": 1})
    again = client.get("/api/v1/projects/", {"format": "csv", "page_size": 1})
    for header in ("Content-Type", "Content-Disposition", "Link"):
        assert again[header] == first[header]


def test_a_write_that_bumps_the_catalog_version_invalidates_responses_and_etags(
        client, project, django_capture_on_commit_callbacks):
    before = client.get("/api/v1/projects/")
    ProjectFactory(slug="q")
    assert slugs(client.get("/api/v1/projects/")) == ["p"]  # cached until the catalog changes
    bump(django_capture_on_commit_callbacks)
    after = client.get("/api/v1/projects/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert slugs(after) == ["p", "q"]
    assert after["ETag"] != before["ETag"]


def test_a_head_request_gets_the_same_validators(client, project):
    get, head = client.get("/api/v1/stats/"), client.head("/api/v1/stats/")
    assert head.status_code == 200 and head["ETag"] == get["ETag"]


def test_errors_are_not_cached(client):
    assert client.get("/api/v1/projects/p/").status_code == 404
    ProjectFactory(slug="p")
    assert client.get("/api/v1/projects/p/").status_code == 200


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)")
def test_responses_are_cached_in_redis_when_it_is_configured(client, project, settings,
                                                             django_assert_num_queries):
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache",
                                   "LOCATION": os.environ["REDIS_URL"],
                                   "KEY_PREFIX": f"api-test-{uuid.uuid4().hex}"}}
    try:
        first = client.get("/api/v1/projects/")
        with django_assert_num_queries(1):  # the catalog version only
            again = client.get("/api/v1/projects/")
        assert again.content == first.content and again["ETag"] == first["ETag"]
        assert cache.keys("api:response:*")
    finally:
        cache.delete_pattern("*")


@pytest.mark.parametrize("query", [
    "updated_since=2024-01-01T00:00:00Z",
    "page_size=1&repo_type=model",
    "pipeline_tag=text%2Dgeneration&repo_type=model",  # %2D is "-": encoding is normalised
])
def test_a_canonical_query_string_is_stored_and_served_reading_only_the_catalog_version(
        client, query, django_assert_num_queries):
    HubRepoFactory()
    first = client.get(f"/api/v1/hub-repos/?{query}")
    assert first.status_code == 200
    with django_assert_num_queries(1):
        assert client.get(f"/api/v1/hub-repos/?{query}").content == first.content


@pytest.mark.parametrize("query", [
    "repo_type=model&page_size=1",          # not sorted
    "page_size=1&page_size=1",              # repeated
    "page_size=1&pipeline_tag=",            # blank value
    "pipeline_tag=text-generation%20",      # padded value
    "search",                               # no "=" at all
])
def test_any_other_spelling_is_answered_fresh_and_never_stored(client, query):
    HubRepoFactory()
    assert client.get(f"/api/v1/hub-repos/?{query}").status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get(f"/api/v1/hub-repos/?{query}").status_code == 200
    assert len(again) > 0
    assert not [key for key in volatile_cache()._cache if "api:response:" in key]


def test_with_process_local_copies_a_hit_within_the_version_s_max_age_costs_no_query_and_no_redis_read(
        client, project, settings, django_assert_num_queries, monkeypatch):
    """As in production with Redis: the process keeps the copies it stored, and reuses the version it read."""
    settings.CATALOG_VERSION_MAX_AGE = 60
    settings.CACHES = {**settings.CACHES, "response-copies": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-response-copies"}}
    monkeypatch.setattr(catalog_version, "_remembered", None)
    first = client.get("/api/v1/projects/")
    volatile_cache().clear()
    with django_assert_num_queries(0):
        again = client.get("/api/v1/projects/")
    assert (again.content, again["ETag"]) == (first.content, first["ETag"])
