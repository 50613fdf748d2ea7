"""The project list at /projects/: search, facets with counts, sorting, pages, URL state and the htmx fragment."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import DataOrigin, Licence, LicenceClass, Project
from registry.services.search_index import refresh_search_vectors
from tests.factories import HubRepoFactory, LegAssessmentFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db
URL = reverse("registry:project-list")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Typo-tolerant search uses PostgreSQL's pg_trgm; SQLite only matches substrings.",
)


def names(response) -> list[str]:
    return re.findall(r'<h3><a href="/projects/[^/]+/">([^<]+)</a></h3>', response.content.decode())


def facet_options(response, facet: str) -> dict[str, str]:
    """The options of one facet's select: value -> shown text."""
    select = re.search(rf'<select id="facet-{facet}" name="{facet}">(.*?)</select>', response.content.decode(), re.S)
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1)))


def search_catalog(*projects):
    refresh_search_vectors()
    return projects


def test_search_finds_words_in_name_summary_and_organisation_names(client):
    ProjectFactory(name="Lucie", summary="A French-language model.")
    ProjectFactory(name="EuroLLM", summary="Multilingual model.", organisations=[OrganisationFactory(name="Unbabel")])
    search_catalog()
    assert names(client.get(URL, {"search": "lucie"})) == ["Lucie"]
    assert names(client.get(URL, {"search": "multilingual"})) == ["EuroLLM"]
    assert names(client.get(URL, {"search": "unbabel"})) == ["EuroLLM"]


def test_search_ranks_a_name_match_above_a_summary_match(client):
    ProjectFactory(name="Alpha", summary="Compared with Lucie in benchmarks.")
    ProjectFactory(name="Lucie", summary="A French model.")
    search_catalog()
    assert names(client.get(URL, {"search": "lucie"})) == ["Lucie", "Alpha"]


def test_search_ranks_by_the_text_when_no_name_is_close_to_it(client):
    # "Luce" is not close enough to "lucie" to match it, so its likeness does not lift it above a summary
    # that names Lucie twice.
    ProjectFactory(name="Luce", summary="Trained like Lucie.")
    ProjectFactory(name="Alpha", summary="Trained like Lucie, as Lucie was.")
    search_catalog()
    assert names(client.get(URL, {"search": "lucie"})) == ["Alpha", "Luce"]


@on_postgresql
def test_search_with_a_typo_still_finds_the_project_on_postgresql(client):
    ProjectFactory(name="Mistral NeMo", summary="A 12B model.")
    ProjectFactory(name="Pleias", summary="Small open models.")
    search_catalog()
    assert names(client.get(URL, {"search": "mistrall"})) == ["Mistral NeMo"]
    assert names(client.get(URL, {"search": "Pleiass"})) == ["Pleias"]


def test_search_matches_the_start_of_a_word_while_typing(client):
    ProjectFactory(name="Salamandra", summary="Iberian languages.")
    search_catalog()
    assert names(client.get(URL, {"search": "salam"})) == ["Salamandra"]


def test_facets_count_the_projects_each_value_would_show(client):
    ProjectFactory(name="A", kind="tool", countries=["FR"], languages=["fr"])
    ProjectFactory(name="B", kind="tool", countries=["DE", "FR"], languages=["de"])
    ProjectFactory(name="C", kind="model-family", countries=["DE"])
    response = client.get(URL, {"kind": "tool"})
    assert names(response) == ["A", "B"]
    assert facet_options(response, "kind") == {"": "Any", "model-family": "Model family (1)", "tool": "Tool (2)"}
    assert facet_options(response, "country") == {"": "Any", "DE": "DE (1)", "FR": "FR (2)"}
    assert facet_options(response, "language") == {"": "Any", "de": "de (1)", "fr": "fr (1)"}


def test_facets_of_organisation_licence_class_legs_e2e_and_hub_data(client):
    org = OrganisationFactory(name="OpenLLM France", slug="openllm-france")
    Licence.objects.create(identifier="apache-2.0", name="Apache 2.0", licence_class=LicenceClass.OSI)
    open_one = ProjectFactory(name="Open", organisations=[org])
    HubRepoFactory(project=open_one, license="apache-2.0", data_origin=DataOrigin.HUB)
    for leg in ("code", "model", "corpus"):
        LegAssessmentFactory(project=open_one, leg=leg, computed_value="open")
    ProjectFactory(name="Other")
    response = client.get(URL)
    assert facet_options(response, "organisation") == {"": "Any", "openllm-france": "OpenLLM France (1)"}
    assert facet_options(response, "license_class") == {"": "Any", "osi": "OSI-approved (1)"}
    assert facet_options(response, "model") == {"": "Any", "open": "Open (1)", "unknown": "Unknown (1)"}
    assert facet_options(response, "e2e") == {"": "Any", "true": "Yes (1)", "false": "No (1)"}
    assert facet_options(response, "has_hub_data") == {"": "Any", "true": "Yes (1)", "false": "No (1)"}
    assert names(client.get(URL, {"e2e": "true", "has_hub_data": "true", "organisation": "openllm-france"})) == ["Open"]
    assert names(client.get(URL, {"license_class": "osi"})) == ["Open"]


@pytest.mark.parametrize(("sort", "expected"), [
    ("name", ["alpha", "Beta", "gamma"]),
    ("downloads", ["gamma", "alpha", "Beta"]),
    ("likes", ["Beta", "gamma", "alpha"]),
    ("updated", ["gamma", "Beta", "alpha"]),
])
def test_sorting(client, sort, expected):
    alpha, beta, gamma = (ProjectFactory(name=n) for n in ("alpha", "Beta", "gamma"))
    HubRepoFactory(project=alpha, downloads=10, likes=None)
    HubRepoFactory(project=beta, downloads=None, likes=50)
    HubRepoFactory(project=gamma, downloads=700, likes=5)
    HubRepoFactory(project=gamma, downloads=300, likes=1)
    gamma.save()  # the most recently updated
    assert names(client.get(URL, {"sort": sort})) == expected


def test_pages_of_twenty_keep_the_query_in_their_links(client):
    for n in range(45):
        ProjectFactory(name=f"Tool {n:02}", kind="tool")
    first = client.get(URL, {"kind": "tool", "sort": "name"})
    assert len(names(first)) == 20
    html = first.content.decode()
    assert 'href="?kind=tool&amp;sort=name&amp;page=2"' in html
    last = client.get(URL, {"kind": "tool", "sort": "name", "page": 3})
    assert names(last) == [f"Tool {n}" for n in range(40, 45)]
    assert names(client.get(URL, {"page": "999"})) == names(last)


def test_every_state_is_in_the_form_so_the_url_can_be_shared(client):
    ProjectFactory(name="Lucie", kind="model-family", countries=["FR"])
    html = client.get(URL, {"search": "Lucie", "kind": "model-family", "country": "FR", "sort": "likes"}).content.decode()
    assert '<form id="project-search"' in html and 'method="get"' in html
    assert 'name="search" value="Lucie"' in html
    assert '<option value="likes" selected>' in html
    assert '<option value="model-family" selected>' in html
    assert '<option value="FR" selected>' in html


def test_a_value_the_filters_cannot_read_is_ignored_and_named(client):
    ProjectFactory(name="Kept")
    response = client.get(URL, {"kind": "robot"})
    assert response.status_code == 200
    assert names(response) == ["Kept"]
    assert "Ignored filters we could not read: kind." in response.content.decode()


def test_htmx_gets_the_results_fragment_with_the_facets_out_of_band(client):
    ProjectFactory(name="Lucie")
    response = client.get(URL, {"search": "Lucie"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="project-results"')
    assert '<fieldset id="project-facets" class="facets" hx-swap-oob="true">' in html
    assert "<html" not in html
    restore = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()


def test_the_page_loads_htmx_from_our_static_files_and_nothing_inline(client):
    html = client.get(URL).content.decode()
    assert '<script src="/static/js/htmx.min.js" defer></script>' in html
    assert "<script>" not in html and "style=" not in html
    assert "unpkg" not in html and "cdn" not in html.lower()


def test_the_query_count_does_not_grow_with_the_rows(client):
    def queries(**params):
        with CaptureQueriesContext(connection) as context:
            assert client.get(URL, params).status_code == 200
        return len(context.captured_queries)

    org = OrganisationFactory(slug="org")
    HubRepoFactory.create_batch(3, project__organisations=[org], project__countries=["FR"])
    small = queries(organisation="org", search="Project", sort="downloads")
    HubRepoFactory.create_batch(40, project__organisations=[org, OrganisationFactory()], project__countries=["DE"])
    assert queries(organisation="org", search="Project", sort="downloads") == small <= 20
    assert queries() <= 20


def test_the_seeded_catalog_lists_every_project(client, seeded_catalog):
    response = client.get(URL, {"search": "Lucie"})
    assert "Lucie" in names(response)
    assert "64 projects" in client.get(URL).content.decode()


def test_the_organisation_facet_shows_the_largest_organisations_and_the_chosen_one(client, monkeypatch):
    monkeypatch.setattr("registry.facets.ORGANISATIONS_SHOWN", 2)
    big, middle, small = (OrganisationFactory(name=name, slug=name.lower()) for name in ("Big", "Middle", "Small"))
    for name, organisations in (("A", [big, middle]), ("B", [big, middle, small]), ("C", [big])):
        ProjectFactory(name=name, organisations=organisations)
    options = facet_options(client.get(URL), "organisation")
    assert options["big"] == "Big (3)" and options["middle"] == "Middle (2)" and "small" not in options
    assert "More: narrow the list with the search" in client.get(URL).content.decode()
    assert facet_options(client.get(URL, {"organisation": "small"}), "organisation")["small"] == "Small (1)"


@pytest.mark.parametrize("params", [
    {}, {"country": "FR"}, {"search": "Alpha"}, {"kind": "tool", "country": "FR"}, {"country": "FR", "page": "2"},
])
def test_the_number_of_results_is_the_number_of_matching_projects(client, params):
    """The list's length comes from the facets' counts: it must be what the list would count itself."""
    ProjectFactory.create_batch(23, name="Alpha model", kind="model-family", countries=["FR"])
    ProjectFactory.create_batch(2, name="Alpha tool", kind="tool", countries=["FR"])
    ProjectFactory.create_batch(4, name="Beta", kind="model-family", countries=["DE"])
    ProjectFactory(name="Alpha hidden", countries=["FR"], status=Project.Status.HIDDEN)
    expected = {(): 29, ("country",): 25, ("search",): 25, ("country", "kind"): 2, ("country", "page"): 25}
    title = client.get(URL, params).context["page"].paginator.count
    assert title == expected[tuple(sorted(params))]
