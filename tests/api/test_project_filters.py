"""The project facets of the website (registry.filters.ProjectFilterSet), as query parameters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from registry.models import Project
from tests.api.conftest import slugs
from tests.factories import (
    HubRepoFactory,
    LegAssessmentFactory,
    LicenceFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def projects(client, **params):
    return sorted(slugs(client.get("/api/v1/projects/", params)))


def assess(project, **values):
    for leg, value in values.items():
        LegAssessmentFactory(project=project, leg=leg, computed_value=value)


def test_kind_and_status_filter_projects(client):
    ProjectFactory(slug="model", kind=Project.Kind.MODEL_FAMILY)
    ProjectFactory(slug="tool", kind=Project.Kind.TOOL, status=Project.Status.ARCHIVED)
    assert projects(client, kind="tool") == ["tool"]
    assert projects(client, status="active") == ["model"]


def test_country_matches_any_of_the_projects_countries_in_any_case(client):
    ProjectFactory(slug="fr-de", countries=["FR", "DE"])
    ProjectFactory(slug="it", countries=["IT"])
    ProjectFactory(slug="none", countries=[])
    assert projects(client, country="DE") == ["fr-de"]
    assert projects(client, country="it") == ["it"]


def test_language_matches_any_of_the_projects_languages(client):
    ProjectFactory(slug="fr", languages=["fr", "en"])
    ProjectFactory(slug="frr", languages=["frr"])
    assert projects(client, language="fr") == ["fr"]


def test_organisation_filters_by_slug(client):
    mistral = OrganisationFactory(slug="mistral-ai")
    ProjectFactory(slug="mistral-7b", organisations=[mistral])
    ProjectFactory(slug="other", organisations=[OrganisationFactory()])
    assert projects(client, organisation="mistral-ai") == ["mistral-7b"]


def test_license_matches_any_hub_repo_of_the_project_once(client):
    LicenceFactory(identifier="apache-2.0")
    both = ProjectFactory(slug="both")
    HubRepoFactory.create_batch(2, project=both, license="apache-2.0")
    HubRepoFactory(project=ProjectFactory(slug="other"), license="mit")
    assert projects(client, license="apache-2.0") == ["both"]


def test_leg_filters_use_the_effective_value_and_count_the_unassessed_as_unknown(client):
    assess(ProjectFactory(slug="open-model"), model="open")
    overridden = ProjectFactory(slug="overridden")
    LegAssessmentFactory(project=overridden, leg="model", computed_value="closed",
                         override_value="open", override_justification="Relicensed.")
    ProjectFactory(slug="unassessed")
    assert projects(client, model="open") == ["open-model", "overridden"]
    assert projects(client, model="unknown") == ["unassessed"]
    assert projects(client, model="closed") == []


def test_e2e_and_label_filter_on_the_three_legs(client):
    assess(ProjectFactory(slug="e2e"), code="open", model="open", corpus="open")
    assess(ProjectFactory(slug="weights"), code="closed", model="open", corpus="closed")
    ProjectFactory(slug="unassessed")
    assert projects(client, e2e="true") == ["e2e"]
    assert projects(client, e2e="false") == ["unassessed", "weights"]
    assert projects(client, label="open weights") == ["weights"]
    assert projects(client, label="unknown") == ["unassessed"]
    assert projects(client, code="open", corpus="open") == ["e2e"]


def test_needs_review_filters_projects(client):
    ProjectFactory(slug="flagged", needs_review=True)
    ProjectFactory(slug="fine")
    assert projects(client, needs_review="true") == ["flagged"]


def test_updated_since_keeps_projects_updated_at_or_after_the_moment(client):
    old = ProjectFactory(slug="old")
    ProjectFactory(slug="recent")
    Project.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=10))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert projects(client, updated_since=since) == ["recent"]


def test_search_finds_words_in_name_summary_and_organisation_names(client):
    ProjectFactory(slug="lucie", name="Lucie", summary="French-language LLM.")
    ProjectFactory(slug="euro", name="EuroLLM", summary="Multilingual model.",
                   organisations=[OrganisationFactory(name="Unbabel")])
    assert projects(client, search="lucie") == ["lucie"]
    assert projects(client, search="multilingual") == ["euro"]
    assert projects(client, search="unbabel") == ["euro"]


def test_filters_combine(client):
    ProjectFactory(slug="fr-tool", kind="tool", countries=["FR"])
    ProjectFactory(slug="fr-model", kind="model-family", countries=["FR"])
    ProjectFactory(slug="de-tool", kind="tool", countries=["DE"])
    assert projects(client, kind="tool", country="FR") == ["fr-tool"]


def test_the_seeded_catalog_answers_the_documented_examples(client, seeded_catalog):
    french = projects(client, country="FR", kind="model-family")
    assert "lucie" in french
    assert "lucie" in projects(client, search="Lucie")
    assert projects(client, organisation="openllm-france")


@pytest.mark.parametrize(("parameter", "value"), [
    ("kind", "robot"), ("status", "hidden"), ("country", "France"), ("language", "french"),
    ("organisation", "nobody"), ("license", "not-a-licence"), ("code", "maybe"),
    ("e2e", "perhaps"), ("label", "open"), ("needs_review", "yes"), ("updated_since", "yesterday"),
])
def test_a_value_a_filter_cannot_use_is_a_400_naming_the_parameter(client, parameter, value):
    response = client.get("/api/v1/projects/", {parameter: value})
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == parameter and body["code"] == "invalid_parameter"
    assert body["detail"].startswith(f"Invalid value for '{parameter}'")
    assert body["errors"][parameter]
