"""The home page lists the whole seed catalog."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import Organisation, Project
from tests.factories import HubRepoFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_every_project_and_organisation(client, seeded_catalog):
    response = client.get(reverse("registry:home"))
    assert response.status_code == 200
    html = response.content.decode()
    for project in Project.objects.all():
        assert f'href="{project.get_absolute_url()}"' in html
    for organisation in Organisation.objects.all():
        assert f'<span class="org-name">{organisation.name}</span>'.replace("&", "&amp;") in html
    assert "<dt>Projects</dt><dd>64</dd>" in html


def test_the_home_page_query_count_does_not_grow_with_the_catalog(client, db):
    def queries_for_home_page():
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("registry:home"))
        return len(context.captured_queries)

    HubRepoFactory.create_batch(3, project__organisations=[OrganisationFactory()])
    small = queries_for_home_page()
    HubRepoFactory.create_batch(30, project__organisations=[OrganisationFactory()])
    assert queries_for_home_page() == small <= 10


def test_a_project_page_shows_its_sources(client, seeded_catalog):
    response = client.get(reverse("registry:project-detail", kwargs={"slug": "lucie"}))
    assert response.status_code == 200
    assert "European Open Source AI Index" in response.content.decode()


def test_an_unknown_project_is_404(client, db):
    response = client.get(reverse("registry:project-detail", kwargs={"slug": "nope"}))
    assert response.status_code == 404


def test_user_text_is_escaped(client, db):
    Project.objects.create(name="<script>alert(1)</script>", slug="x", kind="tool")
    html = client.get(reverse("registry:home")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
