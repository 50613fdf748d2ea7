"""A project's page explains its openness: each leg with its facts, overrides, history, other schemes, and
the badge to embed."""

from datetime import UTC, datetime
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from registry.models import CodeRepository, LegAssessment, Project
from registry.openness import WHY_SCHEMES_DISAGREE
from registry.services.openness import override_leg, recompute_all_openness
from tests.factories import (
    EvidenceFactory,
    HubRepoFactory,
    LegAssessmentFactory,
    OrganisationFactory,
    ProjectFactory,
    SyncRunFactory,
    UserFactory,
    synced,
)

pytestmark = pytest.mark.django_db


def page(client, project) -> str:
    response = client.get(reverse("registry:project-detail", kwargs={"slug": project.slug}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def lucie(seeded_catalog):
    recompute_all_openness()
    return Project.objects.get(slug="lucie")


def test_each_leg_is_explained_with_its_reason_facts_sources_and_dates(client, lucie):
    html = page(client, lucie)

    assert '<span class="openness-label openness-label--open-weights">open weights</span>' in html
    assert 'Open corpus: <span class="leg-value leg-value--partial">partial</span>' in html
    assert 'Open code: <span class="leg-value leg-value--open">open</span>' in html
    assert "https://github.com/OpenLLM-France/Lucie-Training" in html
    assert "European Open Source AI Index (datasources_endmodel)" in html
    assert "many listed but some not shared" in html
    assert '<td data-label="How">asserted</td>' in html
    assert "CC-BY-4.0" in html
    corpus_fact = next(fact for fact in LegAssessment.objects.get(project=lucie, leg="corpus").facts
                       if fact["seen_at"])
    assert f'<td class="nowrap" data-label="Seen">{corpus_fact["seen_at"][:10]}</td>' in html


def test_the_page_opens_with_one_plain_sentence_per_leg_each_linking_to_its_evidence(client, lucie):
    html = unescape(page(client, lucie))

    summary = html[html.index('class="plain-summary"'):html.index('id="leg-code"')]
    # Lucie's card asks for non-commercial use (a request shown as the model leg's caveat): never "any purpose".
    assert ("Open weights: you may download the weights under an open licence, but their producer asks that they "
            "not be used commercially for now") in summary and "any purpose" not in summary
    assert "The training code is published under an open-source licence." in summary
    assert "The training data is only partly public." in summary
    for leg in ("model", "code", "corpus"):
        assert f'<a href="#leg-{leg}">Why' in summary


def test_each_leg_is_a_closed_details_whose_summary_gives_title_value_and_reason(client, lucie):
    html = page(client, lucie)

    for leg in ("code", "model", "corpus"):
        assert '<details class="leg leg--' in html and f'id="leg-{leg}">' in html
    assert "<details open" not in html and " open>" not in html
    code = html[html.index('id="leg-code">'):html.index("</summary>", html.index('id="leg-code">'))]
    assert "<summary>" in code and 'Open code: <span class="leg-value leg-value--open">open</span></h3>' in code
    assert "publishes the pre-training code" in code
    assert '<script src="/static/js/open-target.js" defer></script>' in html


def test_the_project_and_its_places_languages_and_links_are_described(client):
    organisation = OrganisationFactory(name="OpenLLM-France", slug="openllm-france")
    project = ProjectFactory(organisations=[organisation], countries=["FR"], languages=["fr", "en"],
                             website="https://example.org/lucie", paper_url="https://arxiv.org/abs/1")

    html = page(client, project)

    about = html[html.index('id="about-title"'):]
    assert "French" in about and "English" in about and ">FR<" in about
    assert "https://example.org/lucie" in about and "https://arxiv.org/abs/1" in about
    try:
        organisation_url = reverse("registry:organisation-detail", kwargs={"slug": "openllm-france"})
    except NoReverseMatch:  # the organisation pages are not there yet: the name is shown unlinked
        assert "<dd>OpenLLM-France</dd>" in about
    else:
        assert f'<a href="{organisation_url}">OpenLLM-France</a>' in about


def test_the_description_is_rendered_as_sanitised_markdown(client):
    project = ProjectFactory(description="A **bold** claim.\n\n<script>alert(1)</script> [x](javascript:alert(1))")

    html = page(client, project)

    assert "<strong>bold</strong>" in html and "**bold**" not in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html


def test_related_projects_share_an_organisation_or_a_base_model(client):
    organisation = OrganisationFactory(name="Lab")
    project = ProjectFactory(organisations=[organisation], base_models=["mistralai/Mistral-7B-v0.1"])
    sibling = ProjectFactory(name="Sibling", organisations=[organisation])
    cousin = ProjectFactory(name="Cousin", base_models=["mistralai/Mistral-7B-v0.1"])
    base_owner = ProjectFactory(name="Base owner")
    HubRepoFactory(project=base_owner, repo_id="mistralai/Mistral-7B-v0.1")
    ProjectFactory(name="Stranger")
    ProjectFactory(name="Hidden sibling", organisations=[organisation], status=Project.Status.HIDDEN)

    html = page(client, project)

    related = html[html.index('id="related-title"'):]
    assert f'<a href="{sibling.get_absolute_url()}">Sibling</a> <span class="muted">(also by Lab)</span>' in related
    assert "(also built on mistralai/Mistral-7B-v0.1)" in related and cousin.get_absolute_url() in related
    assert "(publishes mistralai/Mistral-7B-v0.1, which this project is built on)" in related
    assert "Stranger" not in related and "Hidden sibling" not in related


def test_related_projects_include_those_built_on_its_hub_repos_each_once(client):
    organisation = OrganisationFactory(name="Lab")
    project = ProjectFactory(organisations=[organisation])
    HubRepoFactory(project=project, repo_id="lab/base-7b")
    HubRepoFactory(project=project, repo_id="lab/base-7b-instruct")
    ProjectFactory(name="Fine-tune", organisations=[organisation], base_models=["lab/base-7b", "lab/base-7b-instruct"])

    html = page(client, project)

    related = html[html.index('id="related-title"'):]
    assert related.count("Fine-tune</a>") == 1
    assert "also by Lab; built on this project&#x27;s lab/base-7b; built on this project&#x27;s lab/base-7b-instruct" \
        in related


def test_a_project_without_organisations_repos_or_base_models_has_no_related_projects(client):
    project = ProjectFactory(base_models=[])
    ProjectFactory(name="Stranger", base_models=[])

    assert 'id="related-title"' not in page(client, project)


def test_anonymous_visitors_get_the_problem_report_and_people_logged_in_the_correction_form(client):
    project = ProjectFactory()
    report_url = reverse("registry:project-report", kwargs={"slug": project.slug})
    correct_url = reverse("registry:project-correct", kwargs={"slug": project.slug})

    anonymous = page(client, project)
    correction = anonymous[anonymous.index('id="correction-title"'):]
    assert "mailto:" not in anonymous
    assert f'<a href="{report_url}">Report a problem</a>' in correction
    assert f"/accounts/login/?next={correct_url}" in correction

    client.force_login(UserFactory())
    signed_in = page(client, project)
    assert f'<a class="button" href="{correct_url}">Suggest a correction</a>' in signed_in


def test_the_checkpoints_and_their_prose_notes_are_listed(client, lucie):
    html = unescape(page(client, lucie))

    assert "OpenLLM-France/Lucie-7B" in html and "Never synced" in html
    assert "ask that usage of the model be limited to non-commercial purposes" in html


def test_a_checkpoint_rated_above_the_project_says_which_statements_lower_the_project(client, lucie):
    """Lucie-7B's card names only public datasets (corpus open on its own data), but its producers state that
    one sub-corpus is not redistributed: the project's corpus is partial, and the checkpoint says why."""
    html = unescape(page(client, lucie))
    checkpoints = html.split('id="checkpoints-title"')[1].split("</table>")[0]
    lucie_7b = checkpoints.split("OpenLLM-France/Lucie-7B</a>")[1].split("</tr>")[0]

    assert "corpus: open" in lucie_7b
    assert ("On its own data only: statements about the whole project rate the project lower on Open corpus"
            in lucie_7b)
    assert "On its own data only" not in checkpoints.split("OpenLLM-France/Lucie-7B-Instruct-v1.1</a>")[1]
    assert lucie.legs.get(leg="corpus").value == "partial"
    caveat = next(c for c in lucie.legs.get(leg="corpus").caveats if c.startswith("Checkpoints differ"))
    assert "starts from OpenLLM-France/Lucie-7B, its most open one, before statements about the whole project" in caveat


def test_other_schemes_are_shown_side_by_side_and_say_why_they_disagree(client, lucie):
    html = unescape(page(client, lucie))

    assert "Score 0.83" in html and "(mean of 12 dimensions" in html
    assert "LF Model Openness Framework" in html and "OSI Open Source AI Definition 1.0" in html
    assert "doi:10.5281/zenodo.15386042" in html and "Liesenfeld, A. and Dingemanse, M. (2024)" in html
    assert WHY_SCHEMES_DISAGREE in html


def test_an_override_is_shown_with_its_justification_and_the_computed_value(client):
    project = ProjectFactory()
    synced(HubRepoFactory(project=project), license="apache-2.0", gated="manual")
    recompute_all_openness()
    model = LegAssessment.objects.get(project=project, leg="model")
    override_leg(leg_assessment=model, value="open", justification="The gate approves everyone <at once>.",
                 user=UserFactory(username="ada"))

    html = page(client, project)

    assert "Set by a moderator" in html and "The gate approves everyone &lt;at once&gt;." in html
    assert "The evidence alone says <strong>partial</strong>: manual gate" in html
    assert "moderator ada" in html


def test_the_history_names_the_sync_run_or_the_person_behind_each_change(client):
    project = ProjectFactory()
    repo = HubRepoFactory(project=project, repo_id="org/model")
    run = SyncRunFactory()
    project.changes.create(hub_repo=repo, field="leg:model", old_value="unknown", new_value="open",
                           reason="apache-2.0 without a gate", sync_run=run)

    html = page(client, project)

    assert "apache-2.0 without a gate" in html and f"Hub sync #{run.pk}" in html
    assert 'leg-value--unknown">unknown</span> → <span class="leg-value leg-value--open">open</span>' in html
    assert "org/model" in html


def test_the_embed_snippets_link_the_badge_to_the_page_with_absolute_urls_on_the_sites_own_host(client, settings):
    settings.ALLOWED_HOSTS = ["registry.example"]
    project = ProjectFactory(name="Lucie [7B]", slug="lucie")

    response = client.get(project.get_absolute_url(), HTTP_HOST="registry.example", secure=True)
    html = unescape(response.content.decode())

    assert ("[![E2E openness of Lucie \\[7B\\] (European Open LLM Registry)]"
            "(https://registry.example/badges/lucie.svg)](https://registry.example/projects/lucie/)") in html
    assert ('<a href="https://registry.example/projects/lucie/"><img src="https://registry.example/badges/lucie.svg"'
            ' alt="E2E openness of Lucie [7B] (European Open LLM Registry)"></a>') in html
    assert "https://registry.example/badges/lucie/model.svg" in html


def test_contributed_text_is_escaped_and_only_web_links_are_linked(client):
    project = ProjectFactory()
    EvidenceFactory(project=project, statement="<script>alert(1)</script>", url="javascript:alert(1)")
    recompute_all_openness()

    html = page(client, project)

    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html


def test_a_project_that_is_not_a_model_family_is_not_rated(client):
    html = page(client, ProjectFactory(kind=Project.Kind.INITIATIVE))

    assert "Not rated" in html and "Show this badge" not in html


def test_the_page_query_count_does_not_grow_with_checkpoints_evidence_history_or_related_projects(client):
    def queries_for(project):
        with CaptureQueriesContext(connection) as context:
            page(client, project)
        return len(context.captured_queries)

    small, large = ProjectFactory(base_models=["org/base"]), ProjectFactory(base_models=["org/base"])
    for project, size in ((small, 1), (large, 8)):
        HubRepoFactory.create_batch(size, project=project)
        EvidenceFactory.create_batch(size, project=project)
        for n in range(size):
            CodeRepository.objects.create(project=project, url=f"https://example.org/code-{n}", covers="inference",
                                          seen_at=datetime(2026, 1, 1, tzinfo=UTC))
        organisation = OrganisationFactory()
        project.organisations.add(organisation)
        for n in range(size):
            ProjectFactory(organisations=[organisation], base_models=[f"org/base-{n}"])
    recompute_all_openness()
    large.changes.create(field="leg:model", old_value="unknown", new_value="open", changed_by=UserFactory())
    large.changes.create(field="leg:model", old_value="open", new_value="partial", sync_run=SyncRunFactory())

    counts = queries_for(small), queries_for(large)
    # The catalog version; the project and its organisations, repos, code, legs and checkpoints' legs; the related
    # projects' ids, then the projects, their organisations and base repos (badges read the leg columns); the
    # history; the replies.
    assert counts[0] == counts[1] <= 13, counts



# --- What each fact rests on, where the Hub data came from, and what caused each change ---------------------

FACT = {"shows": "a fact", "value": "open", "reason": "a reason", "kind": "asserted", "url": None,
        "seen_at": "2026-12-01T00:00:00+00:00", "revision_at": None, "seen_via": None, "attribution": None}


def test_facts_name_their_source_for_people_and_say_how_and_when_they_were_seen(client):
    project = ProjectFactory()
    facts = [
        {**FACT, "source": "moderator:curated:family:61bf1c09", "seen_via": "a stored copy <of the card>"},
        {**FACT, "source": "code-repository:moderator"},
        {**FACT, "source": "hub:cardData.license", "revision_at": "2025-01-15T09:30:00+00:00"},
        {**FACT, "source": "checkpoint:org/model-a"},
        {**FACT, "source": "osai-index:weights_endmodel"},
    ]
    LegAssessmentFactory(project=project, leg="code", computed_value="open", facts=facts,
                         reason="https://github.com/org/train publishes the pre-training code",
                         decided_by="org/model-a")

    html = page(client, project)

    for label in ("Registry curation", "code repository", "Hugging Face Hub", "checkpoint org/model-a",
                  "European Open Source AI Index (weights_endmodel)"):
        assert f"{label}\n" in html or f"{label}</a>" in html
    assert "curated:family" not in html and "cardData.license" not in html
    assert '<small class="seen-via">Seen via <span>a stored copy &lt;of the card&gt;</span></small>' in html
    assert '2026-12-01<br><span class="muted">revision 2025-01-15</span></td>' in html
    assert "<p>https://github.com/org/train publishes the pre-training code.</p>" in html and "Https://" not in html
    assert ('Decided by checkpoint <a href="https://huggingface.co/org/model-a" rel="noopener nofollow">'
            "org/model-a</a>") in html


def test_code_repositories_show_licence_coverage_and_where_when_and_how_they_were_seen(client):
    project = ProjectFactory()
    CodeRepository.objects.create(
        project=project, url="https://github.com/org/train", licence="GPL-3.0-only", covers="pre-training",
        source="curated", source_url="https://github.com/org/train/blob/main/LICENSE",
        seen_at=datetime(2026, 12, 1, tzinfo=UTC), seen_via="fetch github:org/train LICENSE <@ abc>")
    CodeRepository.objects.create(project=project, url="https://github.com/org/serve", covers="inference",
                                  seen_at=datetime(2026, 11, 2, tzinfo=UTC))

    html = page(client, project)

    assert 'id="code-title">Code repositories</h2>' in html
    assert '<a href="https://github.com/org/train" rel="noopener nofollow">https://github.com/org/train</a>' in html
    assert '<td class="nowrap" data-label="Licence">GPL-3.0-only</td>' in html
    assert '<td class="nowrap muted" data-label="Licence">not checked yet</td>' in html
    assert "Pre-training (and the rest of the pipeline)" in html and "Inference only" in html
    assert ('<a href="https://github.com/org/train/blob/main/LICENSE" rel="noopener nofollow">Registry curation'
            "</a>, 2026-12-01") in html
    assert "Moderator, 2026-11-02" in html
    assert "Seen via <span>fetch github:org/train LICENSE &lt;@ abc&gt;</span>" in html


def test_hub_repos_show_their_role_and_constructed_demo_data_is_labelled_everywhere(client):
    project = ProjectFactory(base_models=["mistralai/Mistral-7B-v0.1"])
    HubRepoFactory(project=project, repo_id="org/own", data_origin="constructed")
    HubRepoFactory(project=project, repo_id="mistralai/Mistral-7B-v0.1", role="base", data_origin="card-copy",
                   data_seen_at=datetime(2026, 12, 1, tzinfo=UTC),
                   data_source={"url": "https://huggingface.co/mistralai/Mistral-7B-v0.1", "copy": "a copy"})
    HubRepoFactory(project=project, repo_id="org/older", role="other-release")

    html = page(client, project)

    assert '<th scope="col">Role</th>' in html
    for role in ("own checkpoint", "base model of another organisation", "another release"):
        assert f'<td data-label="Role">{role}</td>' in html
    assert html.count('<span class="data-label data-label--constructed">constructed demo data</span>') == 2
    assert "<strong>Constructed demo data:</strong> the Hub data shown for org/own was constructed" in html
    assert ('<a href="https://huggingface.co/mistralai/Mistral-7B-v0.1" rel="noopener nofollow">'
            "card copy, seen 2026-12-01</a>") in html
    assert ('Built on: <a href="https://huggingface.co/mistralai/Mistral-7B-v0.1" rel="noopener nofollow">'
            "mistralai/Mistral-7B-v0.1</a>") in html


def test_a_page_without_constructed_data_has_no_constructed_notice(client):
    project = ProjectFactory()
    HubRepoFactory(project=project)

    assert "Constructed demo data" not in page(client, project)


def test_the_history_credits_a_person_a_sync_run_the_bundled_snapshot_or_the_recorded_cause(client):
    project = ProjectFactory()
    sync, snapshot = SyncRunFactory(), SyncRunFactory(trigger="snapshot")
    for credit in ({"changed_by": UserFactory(username="ada")}, {"sync_run": sync}, {"sync_run": snapshot},
                   {"cause": "seed load of the <OSAI Index>"}, {}):
        project.changes.create(field="leg:model", old_value="unknown", new_value="open", **credit)

    html = page(client, project)

    by = '<td data-label="By">'
    assert f"{by}moderator ada</td>" in html and f"{by}Hub sync #{sync.pk}</td>" in html
    assert f"{by}bundled Hub snapshot (constructed demo data)</td>" in html and f"#{snapshot.pk}<" not in html
    assert f"{by}<span>seed load of the &lt;OSAI Index&gt;</span></td>" in html and f"{by}the registry</td>" in html


def test_every_source_of_the_record_is_named_and_linked_only_when_it_has_an_http_url(client):
    project = ProjectFactory(slug="sourced", sources=[
        {"dataset": "curated", "file": "families/sourced.json"},
        {"dataset": "osai-index", "url": "https://osai-index.eu/model/X"},
    ])

    html = page(client, project)

    assert "Registry curation (families/sourced.json)" in html
    assert '<a href="https://osai-index.eu/model/X" rel="noopener nofollow">European Open Source AI Index</a>' in html
    assert 'href=""' not in html
