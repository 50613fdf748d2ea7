"""Every list endpoint reads a page in a fixed number of queries, whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import IndexAssessment
from tests.factories import (
    ChangeRecordFactory,
    HubRepoFactory,
    LegAssessmentFactory,
    LicenceFactory,
    OrganisationFactory,
    ProjectFactory,
    SyncRunFactory,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    assert len(response.json()["results"]) == params.get("page_size")
    return len(context.captured_queries)


def rich_project():
    project = ProjectFactory(countries=["FR"], organisations=[OrganisationFactory(), OrganisationFactory()])
    IndexAssessment.objects.create(project=project, system_name="x", url="https://osai-index.eu/x",
                                   source_file="x.yaml", source_commit="0" * 40, score=0.5)
    for leg in ("code", "model", "corpus"):
        LegAssessmentFactory(project=project, leg=leg)
    repo = HubRepoFactory(project=project, license="apache-2.0")
    LegAssessmentFactory(project=None, hub_repo=repo, leg="model")
    ChangeRecordFactory(project=project)
    ChangeRecordFactory(project=None, hub_repo=repo)
    SyncRunFactory()


@pytest.fixture
def catalog():
    LicenceFactory(identifier="apache-2.0")
    LicenceFactory.create_batch(20)
    for _ in range(20):
        rich_project()


@pytest.mark.parametrize(("url", "bound"), [
    # Every page also reads the catalog version (one primary-key query) for its cache key and ETag.
    ("/api/v1/projects/", 7),       # the page's keys + projects + organisations + hub repos + code repositories + legs
    ("/api/v1/hub-repos/", 3),      # repos (with project and licence class) + legs
    ("/api/v1/organisations/", 2),
    ("/api/v1/licenses/", 2),
    ("/api/v1/changes/", 2),
    ("/api/v1/sync-runs/", 2),
])
def test_a_list_page_costs_the_same_queries_for_2_or_20_rows(client, catalog, url, bound):
    assert queries_for(client, url, page_size=2) == queries_for(client, url, page_size=20) == bound


def test_a_filtered_ordered_page_after_a_cursor_costs_no_more_per_row(client, catalog):
    params = {"model": "open", "country": "FR", "ordering": "-updated_at"}
    small = client.get("/api/v1/projects/", {**params, "page_size": 2}).json()["next"]
    large = client.get("/api/v1/projects/", {**params, "page_size": 15}).json()["next"]
    counts = []
    for url in (small, large):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1] <= 7


def test_a_detail_costs_a_fixed_number_of_queries(client, catalog, django_assert_max_num_queries):
    slug = ProjectFactory().slug
    with django_assert_max_num_queries(7):
        assert client.get(f"/api/v1/projects/{slug}/").status_code == 200
