"""Moderators override legs with a written justification (in the admin, through the openness services);
a project whose new facts contradict an override is flagged, listed for review, and cleared."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from registry.models import ChangeRecord, HubRepo, LegAssessment, Project
from registry.services.openness import (
    clear_override,
    mark_project_reviewed,
    override_leg,
    recompute_project_openness,
)
from tests.factories import (
    EvidenceFactory,
    HubRepoFactory,
    ProjectFactory,
    UserFactory,
    open_weights_project,
    recompute,
    synced,
)

pytestmark = pytest.mark.django_db
REVIEW_URL = reverse("registry:moderation-review")



def override(project, value, justification="Reason.", *, user):
    return override_leg(leg_assessment=leg(project, "model"), value=value, justification=justification, user=user)


def leg(subject, name) -> LegAssessment:
    subject_field = "project" if isinstance(subject, Project) else "hub_repo"
    return LegAssessment.objects.get(leg=name, **{subject_field: subject})


@pytest.fixture
def moderator():
    return UserFactory(username="ada")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def computed_project():
    return open_weights_project()


# --- The services -------------------------------------------------------------------------------


def test_an_override_needs_a_written_justification(computed_project, moderator):
    with pytest.raises(ValidationError) as error:
        override_leg(leg_assessment=leg(computed_project, "model"), value="partial", justification=" ", user=moderator)

    assert "override_justification" in error.value.message_dict


def test_an_override_value_must_be_a_leg_value(computed_project, moderator):
    with pytest.raises(ValidationError) as error:
        override_leg(leg_assessment=leg(computed_project, "model"), value="mostly", justification="x", user=moderator)

    assert "override_value" in error.value.message_dict


def test_an_override_is_shown_as_the_value_and_recorded_with_its_moderator(computed_project, moderator):
    override_leg(leg_assessment=leg(computed_project, "model"), value="partial",
                 justification="The licence page adds a field-of-use clause.", user=moderator)

    model = leg(computed_project, "model")
    assert (model.value, model.computed_value, model.overridden_by) == ("partial", "open", moderator)
    record = ChangeRecord.objects.get(project=computed_project, field="leg:model", changed_by=moderator)
    assert (record.old_value, record.new_value) == ("open", "partial")
    assert "field-of-use clause" in record.reason
    assert Project.objects.get(pk=computed_project.pk).schemes["osaid"]["value"] == "not met"


def test_an_override_on_a_checkpoint_carries_into_the_project_summary(computed_project, moderator):
    repo = computed_project.hub_repos.get()

    override_leg(leg_assessment=leg(repo, "model"), value="closed", justification="Weights withdrawn.", user=moderator)

    assert leg(computed_project, "model").value == "closed"
    assert ChangeRecord.objects.filter(project=computed_project, hub_repo=None, changed_by=moderator).exists()


def test_an_override_survives_later_recomputes(computed_project, moderator):
    override(computed_project, "partial", user=moderator)

    recompute(computed_project)

    assert leg(computed_project, "model").value == "partial"


def test_new_facts_contradicting_an_override_flag_the_project_for_review(computed_project, moderator):
    override(computed_project, "open", user=moderator)
    HubRepo.objects.filter(project=computed_project).update(gated="manual")

    recompute(computed_project)

    project = Project.objects.get(pk=computed_project.pk)
    assert project.needs_review
    assert project.review_reason.startswith("Example · model leg: the evidence now says partial")
    assert leg(computed_project, "model").value == "open"
    assert ChangeRecord.objects.filter(project=project, field="leg:model:computed").exists()


def test_a_moderators_new_decision_on_the_leg_clears_its_review_flag(computed_project, moderator):
    override(computed_project, "open", user=moderator)
    HubRepo.objects.filter(project=computed_project).update(gated="manual")
    recompute(computed_project)

    override(computed_project, "open", "Checked: the gate is automatic.", user=moderator)

    project = Project.objects.get(pk=computed_project.pk)
    assert (project.needs_review, project.review_reason) == (False, "")


def test_the_review_flag_clears_when_the_evidence_comes_to_agree_with_the_override(computed_project, moderator):
    override(computed_project, "partial", user=moderator)
    Project.objects.filter(pk=computed_project.pk).update(
        needs_review=True, review_reason="Example · model leg: the evidence now says open; the override says partial.")
    HubRepo.objects.filter(project=computed_project).update(gated="manual")

    recompute(computed_project)

    project = Project.objects.get(pk=computed_project.pk)
    assert (project.needs_review, project.review_reason) == (False, "")


def test_clearing_an_override_shows_the_computed_value_again_and_is_recorded(computed_project, moderator):
    override(computed_project, "partial", user=moderator)

    clear_override(leg_assessment=leg(computed_project, "model"), user=moderator)

    model = leg(computed_project, "model")
    assert (model.value, model.override_justification, model.overridden_by) == ("open", "", None)
    assert ChangeRecord.objects.filter(
        field="leg:model", old_value="partial", new_value="open", changed_by=moderator).exists()


def test_marking_a_project_reviewed_clears_the_flag_and_keeps_a_record(computed_project, moderator):
    Project.objects.filter(pk=computed_project.pk).update(needs_review=True, review_reason="Example · model leg: …")

    assert mark_project_reviewed(project=computed_project, user=moderator)

    project = Project.objects.get(pk=computed_project.pk)
    assert (project.needs_review, project.review_reason) == (False, "")
    assert ChangeRecord.objects.get(project=project, field="needs_review").changed_by == moderator


# --- The admin and the review page --------------------------------------------------------------


@pytest.fixture
def model_leg(computed_project):
    return leg(computed_project, "model")


def change_url(leg_assessment):
    return reverse("admin:registry_legassessment_change", args=[leg_assessment.pk])


def test_the_review_list_is_for_staff_only(client):
    client.force_login(UserFactory(is_staff=False, is_superuser=False))

    response = client.get(REVIEW_URL)

    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_the_review_list_shows_flagged_projects_with_their_reason_and_admin_links(moderator_client):
    flagged = ProjectFactory(name="Flagged", needs_review=True, review_reason="Flagged · model leg: <now partial>")
    ProjectFactory(name="Calm")

    html = moderator_client.get(REVIEW_URL).content.decode()

    assert "Flagged · model leg: &lt;now partial&gt;" in html and "Calm" not in html
    assert reverse("admin:registry_project_change", args=[flagged.pk]) in html
    assert f'{reverse("admin:registry_legassessment_changelist")}?family={flagged.pk}' in html


def test_the_admin_family_filter_shows_a_projects_legs_and_its_checkpoints_legs(moderator_client, model_leg):
    project = model_leg.project
    Project.objects.filter(pk=project.pk).update(needs_review=True)

    response = moderator_client.get(reverse("admin:registry_legassessment_changelist"), {"family": project.pk})

    assert response.context["cl"].result_count == 6


def test_an_override_made_in_the_admin_goes_through_the_service(moderator_client, model_leg):
    response = moderator_client.post(change_url(model_leg), {
        "override_value": "partial", "override_justification": "The licence page adds a field-of-use clause."})

    assert response.status_code == 302
    model_leg.refresh_from_db()
    assert (model_leg.value, model_leg.overridden_by.username) == ("partial", "ada")
    assert ChangeRecord.objects.filter(field="leg:model", new_value="partial", changed_by__username="ada").exists()


def test_the_admin_refuses_an_override_without_justification(moderator_client, model_leg):
    response = moderator_client.post(change_url(model_leg), {"override_value": "partial", "override_justification": ""})

    assert response.status_code == 200
    assert "An override needs a written justification." in response.content.decode()
    model_leg.refresh_from_db()
    assert model_leg.override_value == ""


def test_an_empty_value_in_the_admin_clears_the_override(moderator_client, model_leg):
    moderator_client.post(change_url(model_leg), {"override_value": "closed", "override_justification": "Withdrawn."})

    moderator_client.post(change_url(model_leg), {"override_value": "", "override_justification": ""})

    model_leg.refresh_from_db()
    assert (model_leg.value, model_leg.override_justification) == ("open", "")


def test_legs_cannot_be_added_or_deleted_in_the_admin(moderator_client, model_leg):
    assert moderator_client.get(reverse("admin:registry_legassessment_add")).status_code == 403
    assert moderator_client.get(reverse("admin:registry_legassessment_delete", args=[model_leg.pk])).status_code == 403


def test_the_mark_reviewed_action_clears_the_flag(moderator_client):
    flagged = ProjectFactory(needs_review=True, review_reason="x · model leg: …")

    moderator_client.post(reverse("admin:registry_project_changelist"), {
        "action": "mark_reviewed", "_selected_action": [flagged.pk]})

    flagged.refresh_from_db()
    assert (flagged.needs_review, flagged.review_reason) == (False, "")


def test_the_admin_shows_a_legs_facts_readably_and_escaped(moderator_client, model_leg):
    LegAssessment.objects.filter(pk=model_leg.pk).update(facts=[
        {"value": "open", "kind": "computed", "source": "hub:gated", "shows": "gated: <no>"}])

    html = moderator_client.get(change_url(model_leg)).content.decode()

    assert "<li><strong>open</strong> (computed, hub:gated): gated: &lt;no&gt;</li>" in html


def test_sources_that_disagree_on_a_leg_queue_the_project_with_a_structured_reason(client, admin_client):
    project = ProjectFactory(kind=Project.Kind.MODEL_FAMILY, slug="disputed")
    synced(HubRepoFactory(project=project, repo_id="org/model"), license="apache-2.0")
    EvidenceFactory(project=project, leg="model", value="partial", source="moderator",
                    statement="The producer's terms restrict commercial use.", url="https://example.org/terms")
    with transaction.atomic():
        recompute_project_openness(project=project)

    project.refresh_from_db()
    assert project.needs_review
    assert project.review_details == [{"leg": "model", "shown": "open", "sources": [
        {"source": "the Hub", "value": "open"}, {"source": "a moderator", "value": "partial"}]}]
    assert client.get("/api/v1/projects/disputed/").json()["review_details"] == project.review_details
    page = admin_client.get("/moderation/review/").content.decode()
    assert "Sources disagree on the <strong>model</strong> leg" in page


def test_an_override_of_the_disputed_leg_settles_the_disagreement(admin_user):
    project = ProjectFactory(kind=Project.Kind.MODEL_FAMILY)
    synced(HubRepoFactory(project=project, repo_id="org/model"), license="apache-2.0")
    EvidenceFactory(project=project, leg="model", value="partial", source="moderator",
                    statement="The producer's terms restrict commercial use.", url="https://example.org/terms")
    with transaction.atomic():
        recompute_project_openness(project=project)

    override_leg(leg_assessment=LegAssessment.objects.get(project=project, leg="model"), value="partial",
                 justification="The producer's terms page restricts commercial use.", user=admin_user)

    project.refresh_from_db()
    assert (project.needs_review, project.review_details) == (False, [])
