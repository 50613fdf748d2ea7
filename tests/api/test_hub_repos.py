"""GET /api/v1/hub-repos/ and /api/v1/hub-repos/{repo_type}/{repo_id}/."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from registry.models import HubRepo, Project
from tests.api.conftest import results
from tests.factories import HubRepoFactory, LegAssessmentFactory, LicenceFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def repo_ids(client, **params):
    return sorted(row["repo_id"] for row in results(client.get("/api/v1/hub-repos/", params)))


def test_the_detail_url_keeps_the_slash_of_the_repo_id():
    url = reverse("api:hub-repo-detail", kwargs={"repo_type": "model", "repo_id": "org/name"})
    assert url == "/api/v1/hub-repos/model/org/name/"


def test_a_repo_shows_the_metadata_last_synced_and_its_sync_state(client):
    LicenceFactory(identifier="apache-2.0", licence_class="osi")
    HubRepoFactory(
        repo_id="OpenLLM-France/Lucie-7B", project=ProjectFactory(slug="lucie"), license="apache-2.0",
        gated="auto", downloads=1200, likes=80, parameters=6_700_000_000, pipeline_tag="text-generation",
        languages=["fr"], datasets=["OpenLLM-France/Lucie-Training-Dataset"], base_models=["a/b"],
        sha="abc123", last_modified=datetime(2025, 1, 15, tzinfo=UTC), sync_status="error",
        last_synced_at=datetime(2025, 6, 1, tzinfo=UTC), last_error="Hub answered 500", error_count=2)

    body = client.get("/api/v1/hub-repos/model/OpenLLM-France/Lucie-7B/").json()

    assert body | {"openness": None, "updated_at": None} == {
        "repo_id": "OpenLLM-France/Lucie-7B", "repo_type": "model", "project": "lucie",
        "role": "own", "data_origin": "", "data_source": {}, "data_seen_at": None,
        "license": "apache-2.0", "license_class": "osi", "gated": "auto", "downloads": 1200,
        "likes": 80, "parameters": 6_700_000_000, "pipeline_tag": "text-generation",
        "languages": ["fr"], "datasets": ["OpenLLM-France/Lucie-Training-Dataset"],
        "base_model": ["a/b"], "sha": "abc123", "last_modified": "2025-01-15T00:00:00Z",
        "openness": None, "updated_at": None,
        "sync": {"status": "error", "last_synced_at": "2025-06-01T00:00:00Z",
                 "last_error": "Hub answered 500", "error_count": 2},
        "links": {"hub": "https://huggingface.co/OpenLLM-France/Lucie-7B",
                  "api": "http://testserver/api/v1/hub-repos/model/OpenLLM-France/Lucie-7B/"},
    }


def test_a_licence_missing_from_our_table_is_of_unknown_class(client):
    HubRepoFactory(repo_id="a/blank", license="")
    HubRepoFactory(repo_id="a/odd", license="some-new-licence")
    classes = {row["repo_id"]: row["license_class"] for row in results(client.get("/api/v1/hub-repos/"))}
    assert classes == {"a/blank": "unknown", "a/odd": "unknown"}


def test_a_model_repo_shows_the_legs_of_its_checkpoint_and_a_dataset_none(client):
    model = HubRepoFactory(repo_id="a/model")
    LegAssessmentFactory(project=None, hub_repo=model, leg="model", computed_value="open")
    HubRepoFactory(repo_id="a/data", repo_type="dataset")
    openness = client.get("/api/v1/hub-repos/model/a/model/").json()["openness"]
    assert openness["model"]["value"] == "open" and openness["code"]["reason"] == "Not assessed yet"
    assert openness["label"] == "open weights"
    assert client.get("/api/v1/hub-repos/dataset/a/data/").json()["openness"] is None


def test_repos_of_hidden_projects_or_of_no_project_are_not_served(client):
    HubRepoFactory(repo_id="a/hidden", project=ProjectFactory(status=Project.Status.HIDDEN))
    HubRepo.objects.create(repo_id="a/discovered", discovered=True)
    assert repo_ids(client) == []
    assert client.get("/api/v1/hub-repos/model/a/hidden/").status_code == 404


def test_an_unknown_repo_or_repo_type_is_a_json_404(client):
    HubRepoFactory(repo_id="a/model")
    response = client.get("/api/v1/hub-repos/dataset/a/model/")
    assert response.status_code == 404
    assert response.json()["detail"] == "No dataset repo 'a/model'."
    wrong_type = client.get("/api/v1/hub-repos/space/a/model/")
    assert wrong_type.status_code == 404 and wrong_type.json()["code"] == "not_found"


def test_repos_filter_by_type_project_licence_class_gating_tag_and_sync_status(client):
    LicenceFactory(identifier="apache-2.0", licence_class="osi")
    LicenceFactory(identifier="cc-by-nc-4.0", licence_class="non-commercial")
    lucie = ProjectFactory(slug="lucie")
    HubRepoFactory(repo_id="a/lucie", project=lucie, license="apache-2.0", pipeline_tag="text-generation")
    HubRepoFactory(repo_id="a/data", repo_type="dataset", license="cc-by-nc-4.0", sync_status="ok")
    HubRepoFactory(repo_id="a/gated", gated="manual", sync_status="error")
    assert repo_ids(client, repo_type="dataset") == ["a/data"]
    assert repo_ids(client, project="lucie") == ["a/lucie"]
    assert repo_ids(client, license="apache-2.0") == ["a/lucie"]
    assert repo_ids(client, license_class="non-commercial") == ["a/data"]
    assert repo_ids(client, gated="manual") == ["a/gated"]
    assert repo_ids(client, pipeline_tag="text-generation") == ["a/lucie"]
    assert repo_ids(client, sync_status="error") == ["a/gated"]
    assert repo_ids(client, search="GAT") == ["a/gated"]


def test_repos_filter_by_the_legs_of_their_checkpoint(client):
    LegAssessmentFactory(project=None, hub_repo=HubRepoFactory(repo_id="a/open"), computed_value="open")
    HubRepoFactory(repo_id="a/unassessed")
    assert repo_ids(client, model="open") == ["a/open"]
    assert repo_ids(client, label="unknown") == ["a/unassessed"]


def test_repos_updated_since(client):
    old = HubRepoFactory(repo_id="a/old")
    HubRepoFactory(repo_id="a/new")
    HubRepo.objects.filter(pk=old.pk).update(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    assert repo_ids(client, updated_since="2024-01-01T00:00:00Z") == ["a/new"]


@pytest.mark.parametrize(("parameter", "value"), [
    ("repo_type", "space"), ("project", "nope"), ("license", "nope"), ("license_class", "free"),
    ("gated", "maybe"), ("sync_status", "fine"), ("updated_since", "2024-13-45"),
])
def test_a_value_a_repo_filter_cannot_use_is_a_400_naming_the_parameter(client, parameter, value):
    response = client.get("/api/v1/hub-repos/", {parameter: value})
    assert response.status_code == 400 and response.json()["parameter"] == parameter


def test_every_seeded_repo_is_served_by_its_detail_url(client, seeded_catalog, anon_rate):
    anon_rate("1000/minute")  # more seeded repos than one client may ask for in a minute by default
    for row in results(client.get("/api/v1/hub-repos/", {"page_size": 200})):
        assert client.get(row["links"]["api"]).status_code == 200


def test_list_rows_give_each_legs_value_and_its_details_and_evidence_only_when_asked(client):
    repo = HubRepoFactory(repo_id="a/b", project=ProjectFactory())
    LegAssessmentFactory(project=None, hub_repo=repo, leg="model", computed_value="open",
                         reason="Weights under apache-2.0.", facts=[{"value": "open"}])
    whole = client.get("/api/v1/hub-repos/model/a/b/").json()["openness"]["model"]

    (compact,) = results(client.get("/api/v1/hub-repos/"))
    (with_details,) = results(client.get("/api/v1/hub-repos/", {"expand": "legs"}))
    (with_evidence,) = results(client.get("/api/v1/hub-repos/", {"expand": "evidence"}))

    assert compact["openness"]["model"] == {"value": "open", "source": "computed"}
    assert with_details["openness"]["model"] == {key: value for key, value in whole.items() if key != "evidence"}
    assert with_evidence["openness"]["model"] == whole
