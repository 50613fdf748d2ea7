"""Where the API's facts came from: each repo's role and the origin of its Hub data (constructed demo data says
so), when and how each fact was seen, which checkpoint decided a leg, and what caused each change."""

from datetime import UTC, datetime

import pytest

from tests.api.conftest import results
from tests.factories import ChangeRecordFactory, HubRepoFactory, LegAssessmentFactory, ProjectFactory

pytestmark = pytest.mark.django_db

FACT = {"source": "hub:cardData.license", "shows": "license: apache-2.0", "value": "open", "reason": "r",
        "kind": "computed", "url": None, "seen_at": "2026-12-01T00:00:00+00:00",
        "revision_at": "2025-01-15T09:30:00+00:00", "seen_via": "constructed demo data (not read from the Hub)",
        "attribution": None}


def test_a_repo_says_its_role_and_that_its_hub_data_is_constructed_demo_data(client):
    HubRepoFactory(repo_id="org/demo", data_origin="constructed", data_seen_at=datetime(2026, 11, 26, tzinfo=UTC))
    HubRepoFactory(repo_id="mistralai/base", role="base", data_origin="card-copy",
                   data_source={"url": "https://huggingface.co/mistralai/base", "copy": "a public copy"})

    rows = {row["repo_id"]: row for row in results(client.get("/api/v1/hub-repos/"))}
    detail = client.get("/api/v1/hub-repos/model/org/demo/").json()

    assert {key: detail[key] for key in ("role", "data_origin", "data_source", "data_seen_at")} == {
        "role": "own", "data_origin": "constructed", "data_source": {}, "data_seen_at": "2026-11-26T00:00:00Z"}
    assert rows["org/demo"]["data_origin"] == "constructed"
    assert (rows["mistralai/base"]["role"], rows["mistralai/base"]["data_source"]["copy"]) == ("base", "a public copy")


def test_a_fact_says_when_and_how_it_was_seen_and_a_project_leg_which_checkpoint_decided_it(client):
    project = ProjectFactory(slug="p")
    LegAssessmentFactory(project=project, leg="model", facts=[FACT], decided_by="org/model-a")
    repo = HubRepoFactory(repo_id="org/model-a", project=project)
    LegAssessmentFactory(project=None, hub_repo=repo, leg="model", facts=[FACT])

    model = client.get("/api/v1/projects/p/").json()["openness"]["model"]
    checkpoint = client.get("/api/v1/hub-repos/model/org/model-a/").json()["openness"]["model"]

    assert model["decided_by"] == "org/model-a" and checkpoint["decided_by"] == ""
    (fact,) = checkpoint["evidence"]
    assert (fact["revision_at"], fact["seen_via"]) == (FACT["revision_at"], FACT["seen_via"])


def test_a_change_says_what_caused_it_when_no_sync_run_or_person_did(client):
    ChangeRecordFactory(cause="seed load of the catalog")
    (change,) = results(client.get("/api/v1/changes/"))
    assert (change["cause"], change["sync_run"], change["by_moderator"]) == ("seed load of the catalog", None, False)
