"""With the cache's Redis down, the API answers from the database, unthrottled, and quickly."""

import time

import pytest

from registry.services.catalog_version import bump_catalog_version
from tests.cache_outage import cache_redis_down  # noqa: F401 (fixture)
from tests.factories import HubRepoFactory, ProjectFactory

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/hub-repos/", "/api/v1/hub-repos/model/example-org/m/", "/api/v1/organisations/",
        "/api/v1/licenses/", "/api/v1/stats/", "/api/v1/schema/"]


@pytest.fixture
def catalog():
    HubRepoFactory(project=ProjectFactory(slug="p"), repo_id="example-org/m")


@pytest.mark.parametrize("url", URLS)
def test_every_endpoint_answers_from_the_database_while_the_cache_redis_is_down(
        client, catalog, cache_redis_down, url):
    started = time.monotonic()
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["ETag"]
    assert time.monotonic() - started < 2


def test_while_the_cache_is_down_the_version_in_the_database_still_answers_304_and_sees_changes(
        client, catalog, cache_redis_down, django_capture_on_commit_callbacks):
    etag = client.get("/api/v1/hub-repos/")["ETag"]
    assert client.get("/api/v1/hub-repos/", HTTP_IF_NONE_MATCH=etag).status_code == 304

    with django_capture_on_commit_callbacks(execute=True):
        bump_catalog_version()

    assert client.get("/api/v1/hub-repos/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_throttle_lets_clients_through_while_the_cache_is_down(client, catalog, anon_rate,
                                                                  cache_redis_down):
    anon_rate("1/minute")
    assert [client.get("/api/v1/stats/").status_code for _ in range(3)] == [200, 200, 200]
