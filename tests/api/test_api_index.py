"""/api/v1/ links every resource, the schema and the docs, and answers like the rest of the API."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_index_links_every_resource_the_schema_and_the_docs_absolutely(client, settings):
    settings.ALLOWED_HOSTS = ["registry.example.org"]

    response = client.get("/api/v1/", headers={"host": "registry.example.org"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    base = "http://registry.example.org/api/v1/"
    assert body == {
        "version": "v1",
        "resources": {
            "projects": f"{base}projects/", "hub_repos": f"{base}hub-repos/",
            "organisations": f"{base}organisations/", "licenses": f"{base}licenses/",
            "changes": f"{base}changes/", "stats": f"{base}stats/", "sync_runs": f"{base}sync-runs/",
        },
        "schema": f"{base}schema/",
        "docs": f"{base}docs/",
    }


def test_every_link_of_the_index_answers(client):
    body = client.get("/api/v1/").json()

    for url in [*body["resources"].values(), body["schema"], body["docs"]]:
        assert client.get(url).status_code == 200, url


def test_the_index_answers_a_revalidation_with_304(client):
    etag = client.get("/api/v1/")["ETag"]

    assert client.get("/api/v1/", headers={"if-none-match": etag}).status_code == 304


def test_the_index_refuses_unknown_parameters_and_writes_in_the_apis_error_shape(client):
    unknown = client.get("/api/v1/", {"page": "2"})
    post = client.post("/api/v1/", {})

    assert unknown.status_code == 400
    assert unknown.json()["parameter"] == "page"
    assert post.status_code == 405
    assert post.json() == {"detail": 'Method "POST" not allowed.', "code": "method_not_allowed"}


def test_the_index_reads_nothing_from_the_catalog(client, django_assert_max_num_queries):
    client.get("/api/v1/")  # a first request may create the throttle's and the cache's state
    with django_assert_max_num_queries(0):
        assert client.get("/api/v1/").status_code == 200
