"""Suggesting a correction to a project: saved as typed, shown to the moderator as a diff with the three legs as
they would become, applied through the services on approval, and credited in the project's history."""

import pytest
from django.core import mail
from django.db import transaction

from registry.forms.corrections import NOTHING_CHANGED
from registry.models import (
    CatalogVersion,
    ChangeRecord,
    CodeRepository,
    Evidence,
    HubRepo,
    LegAssessment,
    Submission,
)
from registry.services.corrections import preview_correction_legs
from registry.services.moderation import approve_submission, request_changes
from registry.services.openness import recompute_project_openness
from registry.services.submissions import suggest_correction
from tests.factories import HubRepoFactory, OrganisationFactory, ProjectFactory, synced
from tests.submissions_fixtures import (  # noqa: F401  (fixtures)
    contribution_settings,
    contributor,
    moderator,
    other_contributor,
)

pytestmark = pytest.mark.django_db

CODE_URL = "https://github.com/example/lucie-training"
EVIDENCE_URL = "https://example.org/lucie/data-card"


@pytest.fixture
def project(db):
    """A model family with one open-weights checkpoint, its code and corpus not known."""
    project = ProjectFactory(name="Lucie", slug="lucie", website="https://old.example.org/", countries=["FR"],
                             languages=["fr"], kind="model-family")
    project.organisations.add(OrganisationFactory(name="OpenLLM-France", slug="openllm-france"))
    synced(HubRepoFactory(project=project, repo_id="OpenLLM-France/Lucie-7B"), license="apache-2.0")
    with transaction.atomic():
        recompute_project_openness(project=project)
    return project


def correction_form(project, **changes) -> dict:
    """The correction form as it opens (the project's values), with `changes` typed over it."""
    return {"name": project.name, "project_kind": project.kind, "summary": project.summary,
            "organisations": [org.slug for org in project.organisations.all()], "countries": ", ".join(project.countries),
            "languages": ", ".join(project.languages), "website": project.website, "paper_url": project.paper_url,
            "code_url": project.code_url, "justification": "See the sources.", **changes}


def send(client, project, **changes):
    return client.post(f"/projects/{project.slug}/correct/", correction_form(project, **changes))


def code_and_evidence() -> dict:
    return {"attach_code_url": CODE_URL, "attach_code_licence": "Apache-2.0", "attach_code_coverage": "pre-training",
            "evidence_leg": "corpus", "evidence_value": "closed", "evidence_url": EVIDENCE_URL,
            "evidence_shows": "The data card says the corpus is not released.",
            "evidence_quote": "We do not release the training data."}


def legs(project) -> dict:
    return {row.leg: (row.value, row.reason) for row in LegAssessment.objects.filter(project=project)}


# --- Sending ---------------------------------------------------------------------------------------------


def test_the_form_opens_with_the_project_as_it_is(client, contributor, project):
    client.force_login(contributor)
    html = client.get("/projects/lucie/correct/").content.decode()
    assert 'value="https://old.example.org/"' in html and 'value="Lucie"' in html
    assert '<option value="openllm-france" selected>' in html


def test_a_correction_is_saved_as_typed_keeping_only_what_changed(client, contributor, project):
    client.force_login(contributor)
    response = send(client, project, website="https://new.example.org/", **code_and_evidence())

    submission = Submission.objects.get()
    assert response.status_code == 302 and response.url == submission.get_absolute_url()
    assert (submission.kind, submission.project, submission.status) == ("correction", project, "pending")
    assert submission.raw_data["website"] == "https://new.example.org/" and submission.raw_data["name"] == "Lucie"
    assert submission.data == {
        "website": "https://new.example.org/",
        "code_repository": {"url": CODE_URL, "licence": "Apache-2.0", "covers": "pre-training"},
        "evidence": {"leg": "corpus", "value": "closed", "url": EVIDENCE_URL,
                     "shows": "The data card says the corpus is not released.",
                     "quote": "We do not release the training data."},
        "justification": "See the sources.",
    }


def test_a_correction_that_changes_nothing_is_refused_with_a_message(client, contributor, project):
    client.force_login(contributor)
    response = send(client, project)
    assert response.status_code == 400 and NOTHING_CHANGED in response.content.decode()
    assert not Submission.objects.exists()


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"evidence_leg": "corpus"}, "evidence_url", "Evidence needs its leg, value, source and what it shows."),
    ({**code_and_evidence(), "evidence_url": "javascript:alert(1)"}, "evidence_url", "starting with http://"),
    ({**code_and_evidence(), "evidence_url": "ftp://example.org/x"}, "evidence_url", "starting with http://"),
    ({"attach_code_url": CODE_URL}, "attach_code_coverage", "Say what the code covers."),
    ({"attach_code_licence": "MIT"}, "attach_code_url", "Give the code repository"),
    ({"hub_repo_ids": "not an id"}, "hub_repo_ids", "not a Hub repository id"),
    ({"website": "javascript:alert(1)"}, "website", "starting with http://"),
    ({"justification": ""}, "justification", "This field is required."),
])
def test_each_invalid_field_gets_its_message(client, contributor, project, changes, field, message):
    client.force_login(contributor)
    response = send(client, project, **changes)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert not Submission.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, project):
    response = client.get("/projects/lucie/correct/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert send(client, project, website="https://new.example.org/").status_code == 302
    assert not Submission.objects.exists()


def test_a_filled_honeypot_saves_nothing(client, contributor, project):
    client.force_login(contributor)
    response = send(client, project, website="https://new.example.org/", fax_number="555")
    assert response.status_code == 302 and not Submission.objects.exists()


def test_corrections_are_throttled_per_account(client, contributor, project, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "submission-account": "2/hour"}}
    client.force_login(contributor)
    statuses = [send(client, project, website=f"https://new{n}.example.org/").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert Submission.objects.count() == 2


# --- Moderating ------------------------------------------------------------------------------------------


def make_correction(contributor, project, **data) -> Submission:
    return suggest_correction(project=project, submitter=contributor, raw_data=data, data=data)


def test_the_moderator_sees_the_diff_and_the_legs_as_they_would_become(client, contributor, moderator, project):
    data = {"website": "https://new.example.org/", "code_repository": {
        "url": CODE_URL, "licence": "Apache-2.0", "covers": "pre-training"}, "justification": "x"}
    submission = make_correction(contributor, project, **data)
    client.force_login(moderator)
    html = client.get(f"/moderation/submissions/{submission.pk}/").content.decode()
    assert "https://old.example.org/" in html and "https://new.example.org/" in html
    assert "The three legs as they would become" in html and CODE_URL in html
    (code,) = [preview for preview in preview_correction_legs(submission=submission, moderator=moderator)
               if preview.leg == "code"]
    assert (code.current_value, code.proposed_value) == ("unknown", "open") and code.changes
    assert code.proposed_reason in html


def test_the_preview_keeps_nothing(contributor, moderator, project):
    submission = make_correction(contributor, project, website="https://new.example.org/",
                                 evidence={"leg": "corpus", "value": "closed", "url": EVIDENCE_URL, "shows": "x"})
    before = (ChangeRecord.objects.count(), Evidence.objects.count(), CatalogVersion.objects.first(), legs(project))
    preview_correction_legs(submission=submission, moderator=moderator)
    project.refresh_from_db()
    assert project.website == "https://old.example.org/"
    assert (ChangeRecord.objects.count(), Evidence.objects.count(), CatalogVersion.objects.first(),
            legs(project)) == before
    assert not mail.outbox


def test_the_legs_after_approval_are_the_legs_the_preview_showed(contributor, moderator, project):
    submission = make_correction(contributor, project, code_repository={
        "url": CODE_URL, "licence": "Apache-2.0", "covers": "pre-training"},
        evidence={"leg": "corpus", "value": "closed", "url": EVIDENCE_URL, "shows": "Not released.", "quote": ""})
    preview = preview_correction_legs(submission=submission, moderator=moderator)
    approve_submission(submission=submission, moderator=moderator)
    assert {p.leg: (p.proposed_value, p.proposed_reason) for p in preview} == legs(project)
    assert any(p.changes for p in preview)


def test_approving_applies_every_part_and_credits_contributor_and_moderator(client, contributor, moderator, project):
    other_org = OrganisationFactory(name="LINAGORA", slug="linagora")
    submission = make_correction(
        contributor, project, name="Lucie 7B", website="https://new.example.org/", languages=["fr", "en"],
        organisations=["linagora", "openllm-france"], new_organisations=["CNRS"],
        hub_repos=[{"repo_id": "OpenLLM-France/Lucie-7B-Instruct", "repo_type": "model"}],
        code_repository={"url": CODE_URL, "licence": "Apache-2.0", "covers": "pre-training"},
        evidence={"leg": "corpus", "value": "closed", "url": EVIDENCE_URL, "shows": "Not released.",
                  "quote": "We do not release it."}, justification="x")
    approve_submission(submission=submission, moderator=moderator)

    project.refresh_from_db()
    assert (project.name, project.website, project.languages) == ("Lucie 7B", "https://new.example.org/", ["fr", "en"])
    assert sorted(project.organisations.values_list("name", flat=True)) == ["CNRS", "LINAGORA", "OpenLLM-France"]
    assert other_org in project.organisations.all()
    assert HubRepo.objects.get(repo_id="OpenLLM-France/Lucie-7B-Instruct").project == project
    assert CodeRepository.objects.get(project=project).covers == "pre-training"
    evidence = Evidence.objects.get(project=project, source="contributor")
    assert (evidence.leg, evidence.value, evidence.url, evidence.quote) == (
        "corpus", "closed", EVIDENCE_URL, "We do not release it.")
    for field in ("name", "website", "languages", "organisations", "code_repository", "evidence"):
        record = ChangeRecord.objects.filter(project=project, field=field).get()
        assert record.changed_by == moderator and record.reason.startswith("submitted by alice, approved by mona")

    html = client.get("/projects/lucie/").content.decode()
    history = html[html.index('id="history-title"'):]
    assert "website: https://old.example.org/ → https://new.example.org/" in history
    assert "submitted by alice, approved by mona" in history and "moderator mona" in history
    assert 'href="https://new.example.org/"' in html
    (message,) = mail.outbox
    assert message.to == ["alice@example.org"] and message.subject.endswith("Approved: Correction #%d (Correction to "
                                                                             "Lucie 7B)" % submission.pk)


def test_a_hub_repo_attached_to_another_project_stays_there_and_the_moderator_is_told(client, contributor, moderator,
                                                                                      project):
    elsewhere = HubRepoFactory(repo_id="other/model", project=ProjectFactory(name="Other"))
    submission = make_correction(contributor, project, hub_repos=[{"repo_id": "other/model", "repo_type": "model"}],
                                 justification="x")
    client.force_login(moderator)
    assert "already attached to Other: it stays there" in client.get(
        f"/moderation/submissions/{submission.pk}/").content.decode()
    approve_submission(submission=submission, moderator=moderator)
    elsewhere.refresh_from_db()
    assert elsewhere.project.name == "Other"


def test_a_correction_sent_back_is_not_previewed_once_decided(client, contributor, moderator, project):
    submission = make_correction(contributor, project, website="https://new.example.org/")
    request_changes(submission=submission, moderator=moderator, message="Which page says so?")
    client.force_login(moderator)
    assert "The three legs as they would become" in client.get(
        f"/moderation/submissions/{submission.pk}/").content.decode()
    approve_submission(submission=submission, moderator=moderator)
    assert "The three legs as they would become" not in client.get(
        f"/moderation/submissions/{submission.pk}/").content.decode()
