"""The openness grid answers "which European LLMs are truly open?" at a glance: every model family's legs,
label, Index score and MOF class as labelled cells, sorted and filtered by the URL, with boxes to compare."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import Project
from tests.factories import IndexAssessmentFactory, LegAssessmentFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def family(name, code="unknown", model="unknown", corpus="unknown", *, score=None, countries=(), mof=None, **fields):
    project = ProjectFactory(name=name, slug=name.lower().replace(" ", "-"), countries=list(countries),
                             schemes={"mof": {"value": mof}} if mof else {}, **fields)
    for leg, value in (("code", code), ("model", model), ("corpus", corpus)):
        LegAssessmentFactory(project=project, leg=leg, computed_value=value)
    if score is not None:
        IndexAssessmentFactory(project=project, score=score)
    return project


def grid(client, query="", status=200) -> str:
    response = client.get(reverse("registry:grid") + query)
    assert response.status_code == status
    return unescape(response.content.decode())


def row_names(html: str) -> list[str]:
    return re.findall(r'<th scope="row" class="grid-name"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def families():
    return [
        family("Apertus", "open", "open", "open", score=0.92, countries=["CH"], mof="Class I"),
        family("lucie", "open", "open", "partial", score=0.83, countries=["FR"], mof="Class II"),
        family("Bielik", "unknown", "open", "unknown", score=0.38, countries=["PL"], mof="not met"),
        family("Mistral", "closed", "partial", "closed", countries=["FR"]),
    ]


def test_each_family_is_a_row_of_labelled_cells_each_leg_linking_to_its_explanation(client, families):
    html = grid(client)

    assert row_names(html) == ["Apertus", "Bielik", "lucie", "Mistral"]
    assert ('<td class="grid-cell grid-leg grid-leg--partial" data-label="Open corpus">'
            '<a href="/projects/lucie/#leg-corpus"><span class="visually-hidden">Open corpus of lucie: </span>'
            'partial</a></td>') in html
    assert '<a href="/projects/mistral/#leg-code"><span class="visually-hidden">Open code of Mistral: </span>closed</a>' in html
    assert '<span class="openness-label openness-label--e2e-open">E2E open</span>' in html
    assert '<span class="openness-label openness-label--restricted-weights">restricted weights</span>' in html
    assert '<a href="/projects/apertus/#scheme-osai">0.92</a>' in html
    assert 'grid-score--none" data-label="Index score">not rated</td>' in html
    assert '<a href="/projects/lucie/#scheme-mof">Class II</a>' in html
    assert 'data-label="MOF class">not estimated</td>' in html


def test_a_one_line_summary_counts_e2e_open_families_and_open_weights(client, families):
    html = grid(client)

    assert "<strong>1 of 4 model families are E2E open</strong>; 3 have open weights." in html


def test_only_visible_model_families_are_rows(client, families):
    family("Hidden family", "open", "open", "open", status=Project.Status.HIDDEN)
    ProjectFactory(name="A dataset", kind=Project.Kind.DATASET)

    html = grid(client)

    assert "Hidden family" not in html and "A dataset" not in html
    assert "1 of 4 model families are E2E open" in html


@pytest.mark.parametrize(("sort", "expected"), [
    ("name", ["Apertus", "Bielik", "lucie", "Mistral"]),
    ("-name", ["Mistral", "lucie", "Bielik", "Apertus"]),
    ("code", ["Apertus", "lucie", "Mistral", "Bielik"]),
    ("-corpus", ["Bielik", "Mistral", "lucie", "Apertus"]),
    ("model", ["Apertus", "Bielik", "lucie", "Mistral"]),
    ("-score", ["Apertus", "lucie", "Bielik", "Mistral"]),
    ("score", ["Bielik", "lucie", "Apertus", "Mistral"]),
])
def test_the_grid_sorts_by_name_each_leg_and_score(client, families, sort, expected):
    assert row_names(grid(client, f"?sort={sort}")) == expected


def test_column_headers_link_to_their_sort_keeping_the_filters_and_say_the_order(client, families):
    html = grid(client, "?country=FR&sort=-score")

    assert '<th scope="col" aria-sort="descending"><a href="?country=FR&sort=score">Index score</a> ' \
           '<span class="sort-direction">(highest first)</span></th>' in html
    assert '<a href="?country=FR&sort=code">Open code</a>' in html
    assert '<option value="-score" selected>Index score: highest first</option>' in html


@pytest.mark.parametrize(("query", "expected"), [
    ("?model=open", ["Apertus", "Bielik", "lucie"]),
    ("?model=open&corpus=partial", ["lucie"]),
    ("?code=closed", ["Mistral"]),
    ("?e2e=true", ["Apertus"]),
    ("?country=FR", ["lucie", "Mistral"]),
    ("?country=fr&model=open&sort=-name", ["lucie"]),
])
def test_the_grid_filters_by_each_leg_e2e_and_country_from_the_url(client, families, query, expected):
    html = grid(client, query)

    assert row_names(html) == expected
    assert f"{len(expected)} matching famil" in html and "Clear filters" in html
    assert "<strong>1 of 4 model families are E2E open</strong>" in html


def test_the_grid_is_paged_keeping_the_filters_and_sort_and_a_new_sort_starts_from_the_first_page(
        client, families, monkeypatch):
    from registry.views import grid as grid_view

    monkeypatch.setattr(grid_view, "PAGE_SIZE", 2)
    first, second = grid(client, "?sort=-score"), grid(client, "?sort=-score&page=2")

    assert row_names(first) == ["Apertus", "lucie"] and row_names(second) == ["Bielik", "Mistral"]
    assert "All 4 model families" in first and "Page 1 of 2" in first
    assert '<a rel="next" href="?sort=-score&page=2">' in first
    assert '<a href="?sort=model">Open model</a>' in second  # no page=2: a new order starts from the top


def test_the_filter_form_shows_the_chosen_values(client, families):
    html = grid(client, "?corpus=partial&country=FR&e2e=true")

    assert '<option value="partial" selected>Partial</option>' in html
    assert '<option value="FR" selected>FR</option>' in html
    assert '<option value="CH">CH</option>' in html
    assert 'name="e2e" value="true" checked' in html


def test_a_filter_or_sort_it_cannot_use_is_named_and_answers_400(client, families):
    html = grid(client, "?model=wide-open&sort=size", status=400)

    assert "model: Select a valid choice. wide-open is not one of the available choices." in html
    assert "sort: cannot sort by 'size'; sorted by name instead." in html
    assert row_names(html) == ["Apertus", "Bielik", "lucie", "Mistral"]


def test_each_row_has_a_box_that_adds_it_to_the_compare_form(client, families):
    html = grid(client)

    assert '<form id="compare-form" class="compare-pick" method="get" action="/compare/">' in html
    assert ('<input type="checkbox" form="compare-form" name="projects" value="lucie" id="pick-lucie">'
            '<label for="pick-lucie"><span class="visually-hidden">Compare lucie</span></label>') in html


def test_the_grid_is_linked_from_the_navigation(client, db):
    assert '<a href="/grid/">Openness grid</a>' in client.get(reverse("registry:home")).content.decode()


def test_the_grid_query_count_does_not_grow_with_the_families(client, db):
    def queries_for_grid(query):
        with CaptureQueriesContext(connection) as context:
            grid(client, query)
        return len(context.captured_queries)

    def add_families(n):
        for _ in range(n):
            project = family(f"Family {Project.objects.count()}", "open", "partial", countries=["FR", "DE"],
                             score=0.5)
            project.organisations.set([OrganisationFactory()])

    add_families(2)
    small = [queries_for_grid(query) for query in ("", "?model=partial&country=FR&sort=-score")]
    add_families(20)
    assert [queries_for_grid(query) for query in ("", "?model=partial&country=FR&sort=-score")] == small
    # One of them: the page cache reads the catalog version; a filtered grid counts its matches once more.
    assert small[0] <= 6 and small[1] <= 7
