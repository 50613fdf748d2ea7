"""GET /api/v1/organisations/, /api/v1/licenses/ and /api/v1/stats/."""

import pytest

from registry.models import HubRepo, Licence, Organisation, Project
from registry.selectors import get_catalog_stats
from tests.api.conftest import results, slugs
from tests.factories import LicenceFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_an_organisation_shows_its_facts_and_project_count(client):
    organisation = OrganisationFactory(slug="mistral-ai", name="Mistral AI", country="FR",
                                       kind="company", website="https://mistral.ai")
    ProjectFactory.create_batch(2, organisations=[organisation])
    assert results(client.get("/api/v1/organisations/")) == [{
        "slug": "mistral-ai", "name": "Mistral AI", "country": "FR", "kind": "company",
        "website": "https://mistral.ai", "project_count": 2}]


def test_organisations_filter_by_country_kind_and_search(client):
    OrganisationFactory(slug="mistral-ai", name="Mistral AI", country="FR", kind="company")
    OrganisationFactory(slug="bsc", name="Barcelona Supercomputing Center", country="ES", kind="lab")
    assert slugs(client.get("/api/v1/organisations/", {"country": "fr"})) == ["mistral-ai"]
    assert slugs(client.get("/api/v1/organisations/", {"kind": "lab"})) == ["bsc"]
    assert slugs(client.get("/api/v1/organisations/", {"search": "barcelona"})) == ["bsc"]


def test_organisations_order_by_project_count(client):
    busy = OrganisationFactory(slug="busy", name="B")
    OrganisationFactory(slug="idle", name="A")
    ProjectFactory.create_batch(3, organisations=[busy])
    assert slugs(client.get("/api/v1/organisations/")) == ["idle", "busy"]
    assert slugs(client.get("/api/v1/organisations/", {"ordering": "-project_count"})) == ["busy", "idle"]


def test_the_seeded_organisations_are_all_listed(client, seeded_catalog):
    listed = slugs(client.get("/api/v1/organisations/", {"page_size": 200}))
    assert sorted(listed) == sorted(Organisation.objects.values_list("slug", flat=True))


def test_a_licence_shows_its_identifier_name_spdx_id_and_class(client):
    LicenceFactory(identifier="apache-2.0", name="Apache license 2.0", spdx_id="Apache-2.0",
                   licence_class="osi", unrestricted=True, osi_approved=True)
    assert results(client.get("/api/v1/licenses/")) == [{
        "identifier": "apache-2.0", "name": "Apache license 2.0", "spdx_id": "Apache-2.0",
        "unrestricted": True, "osi_approved": True, "link": "", "reason": "", "class": "osi"}]


def test_licences_filter_by_class_and_unrestricted(client):
    LicenceFactory(identifier="mit", licence_class="osi", unrestricted=True)
    LicenceFactory(identifier="cc-by-nc-4.0", licence_class="non-commercial", unrestricted=False)
    assert slugs(client.get("/api/v1/licenses/", {"class": "non-commercial"}), "identifier") == ["cc-by-nc-4.0"]
    assert slugs(client.get("/api/v1/licenses/", {"unrestricted": "true"}), "identifier") == ["mit"]
    assert client.get("/api/v1/licenses/", {"class": "free"}).json()["parameter"] == "class"


def test_the_seeded_licences_are_all_listed_in_identifier_order(client, seeded_catalog):
    listed = slugs(client.get("/api/v1/licenses/", {"page_size": 200}), "identifier")
    assert listed == list(Licence.objects.order_by("identifier", "pk").values_list("identifier", flat=True))


def test_stats_are_the_numbers_of_the_home_page(client, seeded_catalog):
    stats = get_catalog_stats()
    body = client.get("/api/v1/stats/").json()
    assert (body["projects"], body["organisations"], body["hub_repos"]) == (
        stats["projects"], stats["organisations"], stats["hub_repos"])
    assert body["projects"] == Project.objects.exclude(status="hidden").count()
    assert body["hub_repos"] == HubRepo.objects.filter(project__isnull=False).count()
    assert [(row["label"], row["count"]) for row in body["by_kind"]] == stats["by_kind"]
    assert [row["kind"] for row in body["by_kind"]] == Project.Kind.values
