"""`?format=csv` (or `Accept: text/csv`) on list endpoints, for spreadsheet users."""

import csv
import io
import json

import pytest

from tests.factories import HubRepoFactory, LegAssessmentFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_a_project_becomes_one_row_with_dotted_columns_for_nested_fields(client):
    organisations = [OrganisationFactory(slug="olf", name="OpenLLM-France"),
                     OrganisationFactory(slug="linagora", name="Linagora")]
    project = ProjectFactory(slug="lucie", name="Lucie", countries=["FR", "BE"],
                             organisations=organisations)
    HubRepoFactory(project=project, repo_id="a/one")
    HubRepoFactory(project=project, repo_id="a/two")
    fact = {"leg": "model", "source": "hub", "value": "open"}
    LegAssessmentFactory(project=project, leg="model", computed_value="open", facts=[fact])

    (row,) = rows(client.get("/api/v1/projects/", {"format": "csv", "expand": "evidence"}))

    assert row["slug"] == "lucie" and row["countries"] == "FR; BE"
    assert row["organisations"] == "linagora; olf"  # in name order
    assert row["hub_repos"] == "a/one; a/two"
    assert row["openness.model.value"] == "open" and row["openness.code.reason"] == "Not assessed yet"
    assert json.loads(row["openness.model.evidence"]) == [fact]
    assert (row["openness.e2e"], row["openness.label"]) == ("false", "open weights")
    assert row["schemes.osai_index_score"] == "" and row["links.badge"].endswith("/badges/lucie.svg")


def test_the_csv_is_an_attachment_named_after_the_resource(client):
    response = client.get("/api/v1/hub-repos/", {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="hub-repos.csv"'


def test_the_header_is_the_same_whatever_the_rows(client):
    empty = client.get("/api/v1/hub-repos/", {"format": "csv"}).content.decode().splitlines()
    HubRepoFactory(repo_type="dataset")
    full = client.get("/api/v1/hub-repos/", {"format": "csv", "page_size": 1}).content.decode().splitlines()
    assert empty[0] == full[0]
    assert "openness.model.value" in empty[0].split(",")


def test_a_dataset_repo_leaves_the_openness_cells_empty(client):
    HubRepoFactory(repo_id="a/data", repo_type="dataset")
    (row,) = rows(client.get("/api/v1/hub-repos/", {"format": "csv"}))
    assert row["openness.model.value"] == "" and row["sync.status"] == "never"


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused(client):
    ProjectFactory(name="=HYPERLINK(\"http://evil\")", summary="+1 great")
    (row,) = rows(client.get("/api/v1/projects/", {"format": "csv", "expand": "evidence"}))
    assert row["name"] == "'=HYPERLINK(\"http://evil\")" and row["summary"] == "'+1 great"


def test_the_accept_header_can_ask_for_csv(client):
    ProjectFactory(slug="p")
    response = client.get("/api/v1/projects/", HTTP_ACCEPT="text/csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows(response)[0]["slug"] == "p"


@pytest.mark.parametrize("url", ["/api/v1/organisations/", "/api/v1/licenses/",
                                 "/api/v1/changes/", "/api/v1/sync-runs/"])
def test_every_list_renders_csv(client, seeded_catalog, url):
    response = client.get(url, {"format": "csv"})
    assert response.status_code == 200 and response.content.decode().count("\r\n") >= 1


def test_formulas_nested_in_lists_are_defused_too(client):
    project = ProjectFactory(slug="lucie", countries=["=HYPERLINK(\"x\")", "FR"])
    HubRepoFactory(project=project, repo_id="=cmd|' /C calc'!A0")

    (row,) = rows(client.get("/api/v1/projects/", {"format": "csv", "expand": "evidence"}))

    assert row["hub_repos"].startswith("'=") and row["countries"].startswith("'=")
