"""Cursor pagination: a dashboard walks a whole list, in any ordering, without skips or repeats."""

import json
from base64 import urlsafe_b64decode, urlsafe_b64encode

import pytest

from registry.models import HubRepo, Organisation, Project
from tests.factories import HubRepoFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def walk(client, url, params=None, direction="next"):
    """Every row and the number of pages, following the `direction` links from `url`."""
    rows, pages, response = [], 0, client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        rows.extend(body["results"] if direction == "next" else reversed(body["results"]))
        pages += 1
        if body[direction] is None:
            return rows, pages
        response = client.get(body[direction])


def last_page_url(client, url, params):
    body = client.get(url, params).json()
    while body["next"]:
        last = body["next"]
        body = client.get(last).json()
    return last


def tamper(cursor_url, change):
    token = cursor_url.split("cursor=")[1].split("&")[0]
    payload = json.loads(urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    change(payload)
    return urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def test_walking_the_seeded_projects_page_by_page_yields_each_once_in_order(client, seeded_catalog):
    rows, pages = walk(client, "/api/v1/projects/", {"page_size": 7})
    expected = list(Project.objects.order_by("name", "pk").values_list("slug", flat=True))
    assert [row["slug"] for row in rows] == expected
    assert pages == -(-len(expected) // 7)


def test_walking_back_with_previous_links_yields_the_same_rows(client, seeded_catalog):
    forward, _ = walk(client, "/api/v1/projects/", {"page_size": 9, "ordering": "-updated_at"})
    last = last_page_url(client, "/api/v1/projects/", {"page_size": 9, "ordering": "-updated_at"})
    backward, _ = walk(client, last, direction="previous")
    assert [row["slug"] for row in reversed(backward)] == [row["slug"] for row in forward]


@pytest.mark.parametrize("ordering", ["-downloads", "downloads", "likes,-last_modified", "-last_synced_at"])
def test_orderings_on_fields_with_many_missing_values_neither_skip_nor_repeat(client, ordering):
    HubRepoFactory.create_batch(7)
    for downloads in (5, 5, 9, 0):
        HubRepoFactory(downloads=downloads, likes=downloads)
    rows, _ = walk(client, "/api/v1/hub-repos/", {"page_size": 2, "ordering": ordering})
    assert sorted(row["repo_id"] for row in rows) == sorted(HubRepo.objects.values_list("repo_id", flat=True))
    assert len(rows) == 11


def test_missing_values_sort_last_descending_and_first_ascending(client):
    HubRepoFactory(repo_id="a/unsynced")
    HubRepoFactory(repo_id="a/popular", downloads=10)
    HubRepoFactory(repo_id="a/quiet", downloads=0)
    order = [row["repo_id"] for row in walk(client, "/api/v1/hub-repos/", {"ordering": "-downloads"})[0]]
    assert order == ["a/popular", "a/quiet", "a/unsynced"]
    order = [row["repo_id"] for row in walk(client, "/api/v1/hub-repos/", {"ordering": "downloads"})[0]]
    assert order == ["a/unsynced", "a/quiet", "a/popular"]


def test_rows_tied_on_the_ordering_are_walked_by_id(client):
    tied = [ProjectFactory(name="Same") for _ in range(5)]
    rows, pages = walk(client, "/api/v1/projects/", {"page_size": 2})
    assert [row["slug"] for row in rows] == [project.slug for project in tied] and pages == 3


def test_the_page_size_defaults_to_50_and_is_capped_at_200(client):
    Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {n:03}", slug=f"organisation-{n:03}") for n in range(205))
    assert len(client.get("/api/v1/organisations/").json()["results"]) == 50
    for huge in ("201", "10000", "9" * 5000):
        assert len(client.get("/api/v1/organisations/", {"page_size": huge}).json()["results"]) == 200


def test_a_page_with_neighbours_links_them_in_the_body_and_the_link_header(client):
    ProjectFactory.create_batch(3)
    first = client.get("/api/v1/projects/", {"page_size": 1})
    assert first.json()["previous"] is None
    assert first["Link"] == f'<{first.json()["next"]}>; rel="next"'
    middle = client.get(first.json()["next"])
    assert middle["Link"] == f'<{middle.json()["next"]}>; rel="next", <{middle.json()["previous"]}>; rel="previous"'


@pytest.mark.parametrize("page_size", ["0", "000", "-1", "ten", "1.5", "", "٣"])
def test_a_page_size_that_is_not_a_positive_whole_number_is_a_400(client, page_size):
    response = client.get("/api/v1/projects/", {"page_size": page_size})
    assert response.status_code == 400
    assert response.json()["parameter"] == "page_size"


@pytest.mark.parametrize("cursor", ["zzz", "%%%", "eyJvIjpbXX0", "bnVsbA", "W10"])
def test_a_cursor_we_did_not_issue_is_a_400_naming_the_parameter(client, cursor):
    response = client.get("/api/v1/projects/", {"cursor": cursor})
    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid cursor", "code": "invalid_parameter",
                               "parameter": "cursor", "errors": {"cursor": ["Invalid cursor"]}}


@pytest.mark.parametrize("change", [
    lambda payload: payload.update(p=["Name", "not-an-id"]),
    lambda payload: payload.update(p=["Name", 10**30]),
    lambda payload: payload.update(p=["Name"]),
    lambda payload: payload.update(p=[None, 1]),
    lambda payload: payload.update(p=[["nested"], 1]),
    lambda payload: payload.update(p=["Na\x00me", 1]),
    lambda payload: payload.update(b="yes"),
])
def test_a_tampered_cursor_is_a_400_not_a_database_error(client, change):
    ProjectFactory.create_batch(2)
    next_url = client.get("/api/v1/projects/", {"page_size": 1}).json()["next"]
    response = client.get("/api/v1/projects/", {"cursor": tamper(next_url, change)})
    assert response.status_code == 400 and response.json()["parameter"] == "cursor"


def test_a_tampered_date_in_a_cursor_is_a_400(client):
    ProjectFactory.create_batch(2)
    next_url = client.get("/api/v1/projects/", {"page_size": 1, "ordering": "updated_at"}).json()["next"]
    for bad in ("yesterday", "2025-01-01T00:00:00"):
        token = tamper(next_url, lambda payload, bad=bad: payload.update(p=[bad, 1]))
        response = client.get("/api/v1/projects/", {"cursor": token, "ordering": "updated_at"})
        assert response.status_code == 400 and response.json()["parameter"] == "cursor"


def test_a_cursor_used_with_another_ordering_is_a_400(client):
    ProjectFactory.create_batch(2)
    next_url = client.get("/api/v1/projects/", {"page_size": 1}).json()["next"]
    token = next_url.split("cursor=")[1].split("&")[0]
    response = client.get("/api/v1/projects/", {"cursor": token, "ordering": "-name"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Invalid cursor: it was issued for another ordering")


def test_an_unknown_ordering_field_is_a_400_naming_the_parameter(client):
    response = client.get("/api/v1/projects/", {"ordering": "name,-popularity"})
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == "ordering"
    assert body["detail"].startswith("Cannot order by '-popularity'. Choose from: name, slug")


@pytest.mark.parametrize(("url", "ordering"), [
    ("/api/v1/projects/", "-created_at"), ("/api/v1/hub-repos/", "-parameters"),
    ("/api/v1/organisations/", "-country"), ("/api/v1/licenses/", "-name"),
    ("/api/v1/changes/", "created_at"), ("/api/v1/sync-runs/", "started_at"),
])
def test_every_list_accepts_its_documented_orderings(client, url, ordering):
    assert client.get(url, {"ordering": ordering}).status_code == 200


def test_an_empty_ordering_is_the_default_order_as_any_empty_parameter_is_no_parameter(client):
    ProjectFactory(name="Beta")
    ProjectFactory(name="Alpha")

    response = client.get("/api/v1/projects/", {"ordering": ""})

    assert [row["name"] for row in response.json()["results"]] == ["Alpha", "Beta"]
