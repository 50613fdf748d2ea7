"""The compare page puts 2 to 6 projects side by side, leg by leg, licence by licence, checkpoint by checkpoint
and code repository by code repository, marking the rows where they differ; any other selection is a 400
page that says why and offers the form to pick again."""

import re
from datetime import UTC, datetime
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import CheckpointRole, CodeRepository, Project
from tests.factories import (
    HubRepoFactory,
    IndexAssessmentFactory,
    LegAssessmentFactory,
    LicenceFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def compare(client, projects, status=200) -> str:
    response = client.get(reverse("registry:compare"), {"projects": projects})
    assert response.status_code == status
    return unescape(response.content.decode())


def family(slug, code, model, corpus, *, licences=(), score=None, pre_training=False):
    project = ProjectFactory(name=slug.capitalize(), slug=slug)
    for leg, value in (("code", code), ("model", model), ("corpus", corpus)):
        LegAssessmentFactory(project=project, leg=leg, computed_value=value, reason=f"{slug} {leg} reason",
                             decided_by=f"{slug}-org/{slug}-7b" if leg == "model" else "")
    for n, licence in enumerate(licences):
        HubRepoFactory(project=project, repo_id=f"{slug}-org/{slug}-{n}", license=licence)
    if score is not None:
        IndexAssessmentFactory(project=project, score=score)
    if pre_training:
        CodeRepository.objects.create(project=project, url=f"https://github.com/{slug}/train", licence="MIT",
                                      covers="pre-training", seen_at=datetime(2026, 1, 1, tzinfo=UTC))
    return project


@pytest.fixture
def three():
    LicenceFactory(identifier="apache-2.0", licence_class="osi")
    return [
        family("alpha", "open", "open", "partial", licences=["apache-2.0", "apache-2.0"], score=0.8,
               pre_training=True),
        family("beta", "open", "open", "closed", licences=["apache-2.0", "other"], score=0.8),
        family("gamma", "open", "partial", "closed", licences=["other"]),
    ]


def row(html: str, heading: str) -> str:
    """The table row whose heading starts with `heading`."""
    match = re.search(rf'<tr(?: class="differs")?>\s*<th scope="row">{re.escape(heading)}.*?</tr>', html, re.S)
    assert match, f"no row {heading!r}"
    return match.group(0)


def test_projects_stand_side_by_side_in_the_order_asked_with_each_leg_its_reason_and_deciding_checkpoint(client, three):
    html = compare(client, "gamma,alpha,beta")

    assert re.findall(r'<th scope="col"><a href="/projects/(\w+)/">', html) == ["gamma", "alpha", "beta"]
    model = row(html, "Open model")
    assert '<a href="/projects/gamma/#leg-model" class="leg-value leg-value--partial">partial</a>' in model
    assert "gamma model reason" in model
    assert '<a href="https://huggingface.co/alpha-org/alpha-7b" rel="noopener">Decided by checkpoint alpha-org/alpha-7b</a>' in model


def test_rows_where_the_projects_differ_are_marked_in_words_and_by_class(client, three):
    html = compare(client, "alpha,beta,gamma")

    assert row(html, "Open model").startswith('<tr class="differs">')
    assert '<span class="differs-marker">differs</span>' in row(html, "Open model")
    assert row(html, "Open code").startswith("<tr>") and "differs-marker" not in row(html, "Open code")
    assert row(html, "E2E label").startswith('<tr class="differs">')


def test_rows_that_agree_for_the_chosen_projects_are_not_marked(client, three):
    html = compare(client, "alpha,beta")

    assert "differs-marker" not in row(html, "Open model") and "differs-marker" not in row(html, "OSAI Index score")
    assert "differs-marker" in row(html, "Open corpus")


def test_licences_are_compared_one_by_one_over_the_own_checkpoints(client, three):
    HubRepoFactory(project=three[2], repo_id="base-org/base", license="cc-by-nc-4.0", role=CheckpointRole.BASE)

    html = compare(client, "alpha,beta,gamma")

    apache = row(html, "apache-2.0")
    assert "(OSI-approved)" in apache and "2 own checkpoints" in apache and "not used" in apache
    assert apache.startswith('<tr class="differs">')
    assert "(Unknown)" in row(html, "other")
    assert "cc-by-nc-4.0" not in re.search(r'id="compare-licences".*?</tbody>', html, re.S).group(0)


def test_checkpoints_are_listed_with_their_licence_label_and_role(client, three):
    HubRepoFactory(project=three[2], repo_id="base-org/base", license="mit", role=CheckpointRole.BASE)

    html = compare(client, "alpha,gamma")

    own = row(html, "Own checkpoints")
    assert '<a href="https://huggingface.co/alpha-org/alpha-0" rel="noopener">alpha-org/alpha-0 · apache-2.0 · label: unknown</a>' in own
    assert "2 checkpoints" in own and "1 checkpoint<" in own
    others = row(html, "Base models and other releases")
    assert "base-org/base · mit · another organisation's base model" in others


def test_code_repositories_are_compared_by_licence_and_coverage(client, three):
    html = compare(client, "alpha,beta")

    assert row(html, "Pre-training code published").startswith('<tr class="differs">')
    assert "https://github.com/alpha/train · MIT · Pre-training (and the rest of the pipeline)" in row(html, "Repositories")
    assert "no code repository" in row(html, "Code licences")


def test_the_grid_checkboxes_repeat_the_parameter_instead_of_commas(client, three):
    response = client.get(reverse("registry:compare") + "?projects=alpha&projects=gamma&projects=alpha")

    assert response.status_code == 200
    assert re.findall(r'<th scope="col"><a href="/projects/(\w+)/">', response.content.decode()) == ["alpha", "gamma"]


@pytest.mark.parametrize(("projects", "message"), [
    ("", "Pick at least 2 projects to compare; you picked 0."),
    ("alpha", "Pick at least 2 projects to compare; you picked 1."),
    ("alpha,alpha", "Pick at least 2 projects to compare; you picked 1."),
    ("alpha,beta,gamma,p1,p2,p3,p4", "Pick at most 6 projects to compare; you picked 7."),
    ("alpha,nope,beta", "No project in the registry is called 'nope'."),
    ("alpha,secret", "No project in the registry is called 'secret'."),
])
def test_a_selection_it_cannot_compare_is_a_400_page_that_says_why_and_offers_the_form(client, three, projects, message):
    ProjectFactory(slug="secret", status=Project.Status.HIDDEN)
    for n in range(1, 5):
        ProjectFactory(slug=f"p{n}")

    html = compare(client, projects, status=400)

    assert "<h1>Cannot compare these projects</h1>" in html and message in html
    assert '<form method="get" action="/compare/">' in html
    assert 'name="projects" value="beta" id="picker-beta"' in html
    # The language links repeat the address the visitor typed, to show the same page in another language.
    assert "secret" not in re.sub(r"<[^>]*hreflang[^>]*>", "", html).replace(message, "")
    if "alpha" in projects:
        assert 'value="alpha" id="picker-alpha" checked' in html


def test_the_picker_offers_the_picked_families_first_then_a_bounded_list_and_sends_to_the_grid_for_more(
        client, three, monkeypatch):
    from registry.views import compare as compare_view

    ProjectFactory(name="Delta", slug="delta")
    monkeypatch.setattr(compare_view, "PICKER_SIZE", 1)
    html = compare(client, "gamma,beta")

    picker = html.split('class="picker-list"')[1].split("</ul>")[0]
    assert re.findall(r'value="(\w+)" id="picker-', picker) == ["gamma", "beta", "alpha"]
    assert "find the others in <a href=\"/grid/\">the openness grid</a>" in html
    monkeypatch.setattr(compare_view, "PICKER_SIZE", 3)
    assert "find the others" not in compare(client, "gamma,beta")


def test_the_page_query_count_does_not_grow_with_projects_checkpoints_or_repositories(client, db):
    def queries_for(projects):
        with CaptureQueriesContext(connection) as context:
            compare(client, ",".join(project.slug for project in projects))
        return len(context.captured_queries)

    small = [family(f"s{n}", "open", "open", "open", licences=["mit"], score=0.5, pre_training=True)
             for n in range(2)]
    large = [family(f"l{n}", "open", "partial", "closed", licences=["mit", "apache-2.0", "other"] * 3, score=0.5,
                    pre_training=True) for n in range(6)]

    assert queries_for(small) == queries_for(large) <= 8  # one of them: the page cache's catalog version
