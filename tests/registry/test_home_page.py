"""The home page: the numbers that matter, charts, and the ways in; it lists no projects, so its cost stays flat."""

import re
from datetime import date
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import CheckpointRole, DownloadCount, IndexAssessment, Project
from tests.factories import (
    HubRepoFactory,
    IndexAssessmentFactory,
    LegAssessmentFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def home(client) -> str:
    response = client.get(reverse("registry:home"))
    assert response.status_code == 200
    return unescape(response.content.decode())


def family(*, code="unknown", model="unknown", corpus="unknown", **fields):
    project = ProjectFactory(**fields)
    for leg, value in (("code", code), ("model", model), ("corpus", corpus)):
        LegAssessmentFactory(project=project, leg=leg, computed_value=value)
    return project


def test_the_home_page_gives_the_seed_catalogs_numbers(client, seeded_catalog):
    html = home(client)

    assert "<dt>Projects</dt><dd>64</dd>" in html
    assert "<dt>Model families</dt><dd>49</dd>" in html
    assert "<dt>Organisations</dt><dd>44</dd>" in html
    assert re.search(r"<dt>Countries</dt><dd>2\d</dd>", html)
    assert re.search(r"<dt>E2E open</dt><dd>\d+%</dd><dd class=\"stat-detail\">\d+ of 49 model families", html)
    assert re.search(r"<dt>Open weights</dt><dd>\d+%</dd>", html)


def test_the_home_page_lists_no_project_but_leads_to_them(client, seeded_catalog):
    html = home(client)

    assert not re.search(r'href="/projects/[^"/]+/"', html)
    assert 'action="/projects/"' in html and 'name="search"' in html
    for url in ("/projects/", "/grid/", "/organisations/", "/countries/", "/languages/", "/languages/fr/"):
        assert f'href="{url}"' in html


def test_the_shares_count_model_families_only(client, db):
    family(code="open", model="open", corpus="open")
    family(model="open")
    family(model="closed")
    family(model="partial")
    ProjectFactory(kind=Project.Kind.INITIATIVE)

    html = home(client)

    assert "<dt>E2E open</dt><dd>25%</dd><dd class=\"stat-detail\">1 of 4 model families" in html
    assert "<dt>Open weights</dt><dd>50%</dd><dd class=\"stat-detail\">2 of 4 model families" in html


def test_the_charts_are_described_in_words(client, db):
    france = OrganisationFactory(country="FR")
    family(code="open", model="open", corpus="open", countries=["FR"])
    family(model="open", countries=["DE"], organisations=[france])

    html = home(client)

    assert '<title id="chart-legs-title">Openness of the model families, leg by leg</title>' in html
    assert "Open code: 1 open, 1 unknown. Open model: 2 open. Open corpus: 1 open, 1 unknown." in html
    assert "France: 2 projects; Germany: 1 project." in html
    assert "Model families by the year of their first release, and their openness" in html


def test_releases_are_counted_by_each_familys_first_known_release(client, db):
    indexed = family(code="open", model="open", corpus="open")
    IndexAssessmentFactory(project=indexed, release_month="2023-08")
    HubRepoFactory(project=indexed, raw={"createdAt": "2024-01-10T09:00:00.000Z"})
    on_the_hub = family(model="open")
    HubRepoFactory(project=on_the_hub, raw={"createdAt": "2025-03-01T09:00:00.000Z"})
    HubRepoFactory(project=on_the_hub, role=CheckpointRole.BASE, raw={"createdAt": "2019-01-01T00:00:00.000Z"})
    family()
    family()

    html = home(client)

    assert "2023: 1 E2E open. 2025: 1 open weights." in html
    assert "2026" not in html.split('id="chart-years-desc"')[1].split("</desc>")[0]
    assert "2 families with no known release date are left out." in html


def test_the_indexs_release_month_is_kept_from_the_seed(seeded_catalog):
    assert IndexAssessment.objects.exclude(release_month="").count() == 31
    assert IndexAssessment.objects.get(project__slug="apertus").release_month == "2025-09"


def test_without_recorded_downloads_the_page_says_so(client, db):
    HubRepoFactory(downloads=1500)

    html = home(client)

    assert "No sync has recorded downloads over time yet" in html
    assert "1,500 downloads in the last 30 days across 1 Hub repository" in html


def test_downloads_over_time_sum_each_repos_latest_count_per_day(client, db):
    first, second = HubRepoFactory(), HubRepoFactory()
    for repo, day, value in ((first, 1, 100), (second, 1, 50), (first, 2, 120), (second, 3, 80)):
        DownloadCount.objects.create(hub_repo=repo, day=date(2026, 11, day), downloads=value)

    html = home(client)

    assert "No sync has recorded downloads" not in html
    assert "2026-11-01: 150 downloads; 2026-11-02: 170 downloads; 2026-11-03: 200 downloads." in html


def test_the_home_page_query_count_does_not_grow_with_the_catalog(client, db):
    def queries_for_home_page():
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("registry:home"))
        return len(context.captured_queries)

    def add(n):
        for _ in range(n):
            repo = HubRepoFactory(project__organisations=[OrganisationFactory()], project__countries=["FR"],
                                  project__languages=["fr"], downloads=10)
            DownloadCount.objects.create(hub_repo=repo, day=date(2026, 11, 1), downloads=10)

    add(3)
    small = queries_for_home_page()
    add(30)
    assert queries_for_home_page() == small <= 10


def test_a_project_page_shows_its_sources(client, seeded_catalog):
    response = client.get(reverse("registry:project-detail", kwargs={"slug": "lucie"}))
    assert response.status_code == 200
    assert "European Open Source AI Index" in response.content.decode()


def test_an_unknown_project_is_404(client, db):
    response = client.get(reverse("registry:project-detail", kwargs={"slug": "nope"}))
    assert response.status_code == 404


def test_user_text_is_escaped(client, db):
    Project.objects.create(name="<script>alert(1)</script>", slug="x", kind="tool", countries=["FR", "<b>"])
    html = client.get(reverse("registry:country-detail", kwargs={"code": "FR"})).content.decode()
    html += client.get(reverse("registry:home")).content.decode()
    assert "<script>alert(1)</script>" not in html and "<B>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;B&gt;" in html
