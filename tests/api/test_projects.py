"""GET /api/v1/projects/ and /api/v1/projects/{slug}/: what a dashboard reads about a project."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.models import CodeRepository, IndexAssessment, Project
from tests.api.conftest import results
from tests.factories import HubRepoFactory, LegAssessmentFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

NOT_ASSESSED = {"value": "unknown", "source": "computed", "reason": "Not assessed yet", "decided_by": "",
                "justification": "", "evidence": [], "caveats": [], "warnings": [],
                "assessed_at": None}


def test_the_url_names_are_namespaced_kebab_case():
    assert reverse("api:project-list") == "/api/v1/projects/"
    assert reverse("api:project-detail", kwargs={"slug": "lucie"}) == "/api/v1/projects/lucie/"


def test_the_list_shows_every_visible_project_in_name_order(client, seeded_catalog):
    rows = results(client.get("/api/v1/projects/", {"page_size": 200}))
    visible = Project.objects.exclude(status=Project.Status.HIDDEN)
    assert [row["slug"] for row in rows] == list(visible.order_by("name", "pk").values_list("slug", flat=True))


def test_hidden_projects_are_not_listed_nor_served(client):
    ProjectFactory(slug="shown")
    ProjectFactory(slug="secret", status=Project.Status.HIDDEN)
    assert [row["slug"] for row in results(client.get("/api/v1/projects/"))] == ["shown"]
    assert client.get("/api/v1/projects/secret/").status_code == 404


def test_a_project_shows_its_facts_organisations_repos_and_links(client):
    organisation = OrganisationFactory(slug="openllm-france", name="OpenLLM-France", country="FR")
    project = ProjectFactory(
        slug="lucie", name="Lucie", summary="French LLM.", countries=["FR"], languages=["fr", "en"],
        website="https://example.org", code_url="https://github.com/x/y", organisations=[organisation])
    CodeRepository.objects.create(project=project, url="https://github.com/x/y", licence="apache-2.0",
                                  covers="pre-training", seen_at=timezone.now())
    HubRepoFactory(project=project, repo_id="OpenLLM-France/Lucie-7B")
    HubRepoFactory(project=project, repo_id="OpenLLM-France/Lucie-data", repo_type="dataset")

    body = client.get("/api/v1/projects/lucie/").json()

    assert body["organisations"] == [{"slug": "openllm-france", "name": "OpenLLM-France", "country": "FR"}]
    assert body["hub_repos"] == [
        {"repo_type": "dataset", "repo_id": "OpenLLM-France/Lucie-data", "role": "own", "data_origin": ""},
        {"repo_type": "model", "repo_id": "OpenLLM-France/Lucie-7B", "role": "own", "data_origin": ""}]
    assert (body["countries"], body["languages"]) == (["FR"], ["fr", "en"])
    assert [(r["url"], r["licence"], r["covers"]) for r in body["code_repositories"]] == [
        ("https://github.com/x/y", "apache-2.0", "pre-training")]
    assert body["links"] == {"html": "http://testserver/projects/lucie/",
                             "badge": "http://testserver/badges/lucie.svg",
                             "api": "http://testserver/api/v1/projects/lucie/"}
    assert set(body) >= {"slug", "name", "kind", "summary", "website", "code_url", "paper_url",
                         "openness", "schemes", "status", "needs_review", "created_at", "updated_at"}


def test_a_project_without_assessments_shows_every_leg_as_not_assessed_yet(client):
    ProjectFactory(slug="new")
    openness = client.get("/api/v1/projects/new/").json()["openness"]
    assert openness == {"code": NOT_ASSESSED, "model": NOT_ASSESSED, "corpus": NOT_ASSESSED,
                        "e2e": False, "label": "unknown"}


def test_a_leg_shows_its_value_reason_and_evidence(client):
    fact = {"leg": "model", "source": "hub", "shows": "license: apache-2.0", "value": "open",
            "reason": "Unrestricted licence.", "kind": "computed", "url": "https://hf.co/x",
            "seen_at": "2025-06-01T08:00:00+00:00", "attribution": None}
    LegAssessmentFactory(project=ProjectFactory(slug="p"), leg="model", computed_value="open",
                         reason="Weights under apache-2.0.", facts=[fact], caveats=["Cite us."])
    model = client.get("/api/v1/projects/p/").json()["openness"]["model"]
    assert model["value"] == "open" and model["source"] == "computed"
    assert model["reason"] == "Weights under apache-2.0."
    assert model["evidence"] == [fact]
    assert model["caveats"] == ["Cite us."] and model["assessed_at"] is not None


def test_the_list_is_compact_and_gives_the_evidence_only_when_asked(client):
    fact = {"leg": "model", "source": "hub", "value": "open"}
    LegAssessmentFactory(project=ProjectFactory(slug="p"), leg="model", computed_value="open", facts=[fact])

    (compact,) = results(client.get("/api/v1/projects/"))
    (expanded,) = results(client.get("/api/v1/projects/", {"expand": "evidence"}))

    assert "evidence" not in compact["openness"]["model"] and compact["openness"]["model"]["value"] == "open"
    assert expanded["openness"]["model"]["evidence"] == [fact]
    assert expanded["openness"] == client.get("/api/v1/projects/p/").json()["openness"]


def test_list_rows_give_each_legs_value_and_its_details_only_when_asked(client):
    LegAssessmentFactory(project=ProjectFactory(slug="p"), leg="model", computed_value="open",
                         reason="Weights under apache-2.0.", decided_by="a/b", caveats=["Cite us."], facts=[{}])
    whole = client.get("/api/v1/projects/p/").json()["openness"]

    (compact,) = results(client.get("/api/v1/projects/"))
    (expanded,) = results(client.get("/api/v1/projects/", {"expand": "legs"}))

    assert compact["openness"]["model"] == {"value": "open", "source": "computed"}
    assert compact["openness"]["code"] == {"value": "unknown", "source": "computed"}
    assert (compact["openness"]["e2e"], compact["openness"]["label"]) == (whole["e2e"], whole["label"])
    assert expanded["openness"]["model"] == {key: value for key, value in whole["model"].items() if key != "evidence"}
    assert expanded["openness"]["model"]["caveats"] == ["Cite us."]


def test_list_rows_give_each_schemes_verdict_and_its_details_only_when_asked(client):
    index = {"scheme": "European Open Source AI Index", "value": 0.92, "dimensions_counted": 12,
             "dimensions": [{"ref": "paper", "value": "closed"}], "reasons": ["mean of 12"], "system": "Apertus",
             "url": "https://osai-index.eu/model/Apertus", "attribution": "European Open Source AI Index, CC-BY-4.0",
             "citation": "Liesenfeld et al."}
    mof = {"scheme": "Model Openness Framework", "value": "class III", "met": True, "reasons": ["weights"],
           "estimate": True}
    ProjectFactory(slug="p", schemes={"osai": index, "mof": mof, "osaid": None})

    (compact,) = results(client.get("/api/v1/projects/"))
    (expanded,) = results(client.get("/api/v1/projects/", {"expand": "schemes"}))
    (both,) = results(client.get("/api/v1/projects/", {"expand": "evidence,schemes"}))

    assert compact["schemes"]["schemes"] == {
        "osai": {key: index[key] for key in ("scheme", "value", "dimensions_counted", "system", "url", "attribution")},
        "mof": {"scheme": "Model Openness Framework", "value": "class III", "met": True, "estimate": True},
        "osaid": None,
    }
    assert expanded["schemes"] == both["schemes"] == client.get("/api/v1/projects/p/").json()["schemes"]
    assert expanded["schemes"]["schemes"] == {"osai": index, "mof": mof, "osaid": None}


def test_an_unknown_expansion_is_a_400_naming_the_parameter(client):
    response = client.get("/api/v1/projects/", {"expand": "history"})
    assert response.status_code == 400 and response.json()["parameter"] == "expand"


def test_a_moderator_override_wins_and_says_so(client):
    LegAssessmentFactory(project=ProjectFactory(slug="p"), leg="corpus", computed_value="closed",
                         override_value="partial", override_justification="Data card published.")
    corpus = client.get("/api/v1/projects/p/").json()["openness"]["corpus"]
    assert (corpus["value"], corpus["source"], corpus["justification"]) == (
        "partial", "override", "Data card published.")


def test_three_open_legs_make_a_project_e2e_open(client):
    project = ProjectFactory(slug="p")
    for leg in ("code", "model", "corpus"):
        LegAssessmentFactory(project=project, leg=leg, computed_value="open")
    openness = client.get("/api/v1/projects/p/").json()["openness"]
    assert (openness["e2e"], openness["label"]) == (True, "E2E open")


def test_the_label_follows_the_model_leg_when_not_e2e(client):
    LegAssessmentFactory(project=ProjectFactory(slug="p"), leg="model", computed_value="partial")
    openness = client.get("/api/v1/projects/p/").json()["openness"]
    assert (openness["e2e"], openness["label"]) == (False, "restricted weights")


def test_other_schemes_show_the_osai_index_score_and_the_stored_schemes(client):
    project = ProjectFactory(slug="p", schemes={"mof": {"class": "III"}})
    IndexAssessment.objects.create(project=project, system_name="P", url="https://osai-index.eu/p",
                                   source_file="p.yaml", source_commit="0" * 40, score=0.83)
    ProjectFactory(slug="q")
    assert client.get("/api/v1/projects/p/").json()["schemes"] == {
        "osai_index_score": 0.83, "schemes": {"mof": {"class": "III"}}}
    assert client.get("/api/v1/projects/q/").json()["schemes"] == {"osai_index_score": None, "schemes": {}}


def test_an_unknown_project_is_a_json_404(client):
    response = client.get("/api/v1/projects/nope/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No project with slug 'nope'.", "code": "not_found"}


def test_the_seeded_lucie_project_is_served(client, seeded_catalog):
    body = client.get("/api/v1/projects/lucie/").json()
    assert body["name"] == "Lucie"
    assert body["schemes"]["osai_index_score"] == Project.objects.get(slug="lucie").index_assessment.score


def test_every_seeded_project_lists_compact_and_expanded(client, seeded_catalog):
    from registry.services.openness import recompute_all_openness

    recompute_all_openness()
    for expand in ("", "legs", "schemes", "evidence", "legs,schemes", "evidence,schemes"):
        response = client.get("/api/v1/projects/", {"page_size": 100, **({"expand": expand} if expand else {})})
        assert response.status_code == 200, expand
        rows = response.json()["results"]
        assert len(rows) == 64
        detailed = [row["slug"] for row in rows if '"dimensions"' in json.dumps(row["schemes"])]
        assert len(detailed) > 20 if "schemes" in expand else detailed == []
