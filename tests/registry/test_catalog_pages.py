"""Organisation, country and language pages: the ways into the catalog that the OpenLLM-Europe list uses, each
page with its projects and their openness."""

from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import Project
from tests.factories import HubNamespaceFactory, LegAssessmentFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

BADGE = '<span class="openness-label openness-label--{}">{}</span>'


def family(name, *, code="unknown", model="unknown", corpus="unknown", **fields):
    project = ProjectFactory(name=name, slug=name.lower().replace(" ", "-"), **fields)
    for leg, value in (("code", code), ("model", model), ("corpus", corpus)):
        LegAssessmentFactory(project=project, leg=leg, computed_value=value)
    return project


def page(client, name, status=200, **kwargs) -> str:
    response = client.get(reverse(f"registry:{name}", kwargs=kwargs))
    assert response.status_code == status
    return unescape(response.content.decode())


def link(project) -> str:
    return f'<a href="{project.get_absolute_url()}">{project.name}</a>'


@pytest.fixture
def catalog():
    pleias = OrganisationFactory(name="PleIAs", slug="pleias", country="FR", website="https://pleias.fr/")
    sdu = OrganisationFactory(name="SDU", slug="sdu", country="DK")
    HubNamespaceFactory(name="PleIAs", organisation=pleias)
    return {
        "pleias": pleias,
        "sdu": sdu,
        "common": family("Common Model", code="open", model="open", corpus="open", countries=["FR"],
                         languages=["fr", "en"], organisations=[pleias]),
        "danish": family("Danish Model", model="open", countries=[], languages=["da"], organisations=[sdu]),
        "swiss": family("Swiss Model", model="partial", countries=["CH"], languages=["de", "fr"]),
        "hidden": family("Hidden Model", countries=["FR"], languages=["fr"], organisations=[pleias],
                         status=Project.Status.HIDDEN),
        "initiative": ProjectFactory(name="French Initiative", slug="french-initiative", kind=Project.Kind.INITIATIVE,
                                     countries=["FR"], languages=["fr"]),
    }


def test_the_organisation_index_counts_each_organisations_visible_projects(client, catalog):
    html = page(client, "organisation-list")

    assert '<a href="/organisations/pleias/">PleIAs</a>' in html
    assert "France · 1 project</span>" in html
    assert "Denmark · 1 project</span>" in html


def test_an_organisation_page_shows_its_projects_with_their_badges_country_website_and_hub_namespaces(client, catalog):
    html = page(client, "organisation-detail", slug="pleias")

    assert "<h1>PleIAs</h1>" in html
    assert link(catalog["common"]) in html
    assert BADGE.format("e2e-open", "E2E open") in html
    assert '<span class="leg-value leg-value--open">corpus: open</span>' in html
    assert '<a href="/countries/FR/">France</a>' in html
    assert '<a href="https://pleias.fr/" rel="noopener nofollow">https://pleias.fr/</a>' in html
    assert '<a href="https://huggingface.co/PleIAs" rel="noopener nofollow">PleIAs</a>' in html
    assert "Hidden Model" not in html and "Danish Model" not in html


def test_an_organisation_the_openllm_europe_list_names_without_a_project_says_so_plainly(client, db):
    entry = "https://github.com/OpenLLM-Europe/European-OpenLLM-Projects/blob/0a2e493/README.md#L49"
    OrganisationFactory(name="TartuNLP", slug="tartunlp", country="EE",
                        sources=[{"dataset": "openllm-europe", "line": 49, "url": entry}])

    listing = page(client, "organisation-list")
    html = page(client, "organisation-detail", slug="tartunlp")

    assert "Estonia · no project listed yet</span>" in listing and "0 projects" not in listing
    assert "No project of TartuNLP is listed yet." in html
    assert f'The <a href="{entry}" rel="noopener">OpenLLM-Europe list</a> names TartuNLP itself' in html
    assert '<a href="/submit/">Propose one of its projects</a>' in html


def test_an_unknown_organisation_is_404(client, db):
    page(client, "organisation-detail", status=404, slug="nobody")


def test_a_project_counts_in_the_countries_it_names_and_those_of_its_organisations(client, catalog):
    html = page(client, "country-list")

    assert '<a href="/countries/FR/">France</a> <span class="muted">FR · 2 projects</span>' in html
    assert '<a href="/countries/DK/">Denmark</a> <span class="muted">DK · 1 project</span>' in html
    assert '<a href="/countries/CH/">Switzerland</a>' in html


def test_a_country_page_lists_projects_named_for_it_or_with_an_organisation_there(client, catalog):
    danish = page(client, "country-detail", code="DK")
    french = page(client, "country-detail", code="FR")

    assert "<h1>Denmark" in danish
    assert link(catalog["danish"]) in danish and BADGE.format("open-weights", "open weights") in danish
    assert '<a href="/organisations/sdu/">SDU</a>' in danish
    assert link(catalog["common"]) in french and link(catalog["initiative"]) in french
    assert "Openness not rated (initiative)" in french
    assert "Hidden Model" not in french and "Swiss Model" not in french


def test_a_country_code_in_lower_case_redirects_to_the_canonical_page(client, catalog):
    response = client.get("/countries/fr/")

    assert response.status_code == 301 and response["Location"] == "/countries/FR/"


def test_an_unknown_country_is_404_and_a_known_empty_one_says_so(client, catalog):
    page(client, "country-detail", status=404, code="ZZ")
    assert "No project from Austria is in the catalog yet." in page(client, "country-detail", code="AT")


def test_the_language_index_keeps_the_lists_headings_as_the_way_in(client, catalog):
    html = page(client, "language-list")

    assert '<a href="/languages/fr/">French</a>\n    <span class="muted">fr · 3 projects</span>' in html
    assert '<a href="/languages/da/">Danish</a>' in html
    assert "Norwegian\n    <span class=\"muted\">no · 0 projects · the list spells it “Norvegian”</span>" in html
    assert html.index("The list's language headings") < html.index("Swedish")


def test_a_language_page_lists_the_projects_that_declare_it(client, catalog):
    html = page(client, "language-detail", code="fr")

    assert "<h1>French" in html
    assert link(catalog["common"]) in html and link(catalog["swiss"]) in html and link(catalog["initiative"]) in html
    assert BADGE.format("restricted-weights", "restricted weights") in html
    assert "Danish Model" not in html and "Hidden Model" not in html


def test_an_unknown_language_is_404_and_upper_case_redirects(client, catalog):
    page(client, "language-detail", status=404, code="xx")
    response = client.get("/languages/FR/")
    assert response.status_code == 301 and response["Location"] == "/languages/fr/"


@pytest.mark.parametrize(("name", "kwargs"), [
    ("organisation-list", {}),
    ("organisation-detail", {"slug": "big"}),
    ("country-list", {}),
    ("country-detail", {"code": "FR"}),
    ("language-list", {}),
    ("language-detail", {"code": "fr"}),
])
def test_the_query_count_does_not_grow_with_the_projects(client, db, name, kwargs):
    big = OrganisationFactory(slug="big", country="FR")
    HubNamespaceFactory(name="big", organisation=big)

    def add_projects(n):
        for _ in range(n):
            project = family(f"P {Project.objects.count()}", model="open", countries=["FR", "DE"], languages=["fr"],
                             organisations=[big, OrganisationFactory(country="IT")])
            assert project.pk

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse(f"registry:{name}", kwargs=kwargs)).status_code == 200
        return len(context.captured_queries)

    add_projects(2)
    few = queries()
    add_projects(10)
    assert queries() == few <= 7  # the page cache reads the catalog version; the pages count their projects


def test_a_countrys_projects_are_paged(client, db, monkeypatch):
    from registry.views import catalog_pages

    monkeypatch.setattr(catalog_pages, "PAGE_SIZE", 2)
    for name in ("Alpha", "Beta", "Gamma"):
        family(name, countries=["FR"])

    first = client.get("/countries/FR/").content.decode()
    second = client.get("/countries/FR/?page=2").content.decode()

    assert "Projects <span class=\"count\">(3)</span>" in first and "Page 1 of 2" in first
    assert ">Alpha</a>" in first and ">Gamma</a>" not in first and ">Gamma</a>" in second
    assert '<a rel="next" href="?page=2">' in first


def test_the_organisation_index_is_paged_and_counts_every_organisation(client, db, monkeypatch):
    from registry.views import catalog_pages

    monkeypatch.setattr(catalog_pages, "ORGANISATIONS_PER_PAGE", 2)
    for name in ("Alpha Lab", "Beta Lab", "Gamma Lab"):
        OrganisationFactory(name=name)

    first = page(client, "organisation-list")
    second = client.get("/organisations/?page=2").content.decode()

    assert "The 3 organisations behind" in first and "Page 1 of 2" in first
    assert ">Alpha Lab</a>" in first and ">Gamma Lab</a>" not in first and ">Gamma Lab</a>" in second
