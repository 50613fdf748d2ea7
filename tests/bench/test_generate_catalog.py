"""bench/generate_catalog.py: a catalog grown from the seed keeps the seed's proportions, and the site answers
over it."""

import pytest
from django.db import connection

from bench.generate_catalog import CatalogNotEmpty, generate, proportions
from registry.models import HubRepo, LegAssessment, Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SEED_PROJECTS = 64




def test_a_generated_catalog_has_the_seeds_proportions_and_the_site_answers_over_it(client):
    counted = generate(3 * SEED_PROJECTS + 8)

    seed, catalog = counted["seed"], counted["catalog"]
    assert seed["projects"] == SEED_PROJECTS and catalog["projects"] == Project.objects.count() == 200
    seed_ratios, catalog_ratios = proportions(seed), proportions(catalog)
    for name in ("hub_repos", "evidence", "change_records", "project_legs", "repo_legs", "kind:model-family",
                 "kind:initiative", "project_leg:open", "project_leg:partial"):
        assert catalog_ratios[name] == pytest.approx(seed_ratios[name], rel=0.1), name
    # Organisations and namespaces are copied whole with each copy, the last one partial.
    assert catalog_ratios["organisations"] == pytest.approx(seed_ratios["organisations"], rel=0.3)
    assert not Project.objects.filter(kind=Project.Kind.MODEL_FAMILY).exclude(legs__isnull=False).exists()
    copy = Project.objects.get(slug="lucie-2")
    assert copy.name.endswith(" 2") and copy.legs.count() == 3 and copy.organisations.exists()
    assert HubRepo.objects.filter(project=copy).first().repo_id.endswith("-2")
    assert LegAssessment.objects.filter(hub_repo__project=copy).exclude(facts=[]).exists()
    if connection.vendor == "postgresql":
        assert not Project.objects.filter(search_vector__isnull=True).exists()
        assert client.get("/api/v1/projects/?search=lucie").json()["results"]
    assert ProjectFactory().pk > copy.pk  # sequences continue after the assigned keys

    for url in ("/projects/?country=FR", "/grid/", "/projects/lucie-2/", "/api/v1/projects/",
                "/api/v1/projects/lucie-2/", "/badges/lucie-2.svg"):
        assert client.get(url).status_code == 200, url


def test_a_catalog_with_projects_is_refused():
    ProjectFactory()

    with pytest.raises(CatalogNotEmpty, match="already holds 1 projects"):
        generate(100)
