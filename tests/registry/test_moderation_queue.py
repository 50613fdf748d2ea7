"""The moderation queue: a contributor's submission seen through to a public project, or sent back, or refused."""

import pytest
from django.core import mail

from registry.forms.submissions import ProjectSubmissionForm, structured
from registry.models import (
    ChangeRecord,
    CodeRepository,
    Evidence,
    HubRepo,
    Project,
    Submission,
)
from registry.services.moderation import (
    AlreadyDecided,
    approve_submission,
    reject_submission,
)
from registry.services.submissions import report_problem, submit_project
from tests.factories import ProjectFactory
from tests.submissions_fixtures import (  # noqa: F401  (fixtures)
    LUCIE,
    contribution_settings,
    contributor,
    make_contributor,
    moderator,
    other_contributor,
    valid_project,
)

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def send(contributor, **changes) -> Submission:
    form = ProjectSubmissionForm(data=valid_project(**changes))
    assert form.is_valid(), form.errors
    return submit_project(submitter=contributor, raw_data=valid_project(**changes), data=structured(form.cleaned_data))


def decide(client, submission, **data):
    return client.post(f"/moderation/submissions/{submission.pk}/", data)


def test_an_approved_submission_becomes_a_public_project_crediting_its_contributor(client, contributor, moderator):
    submission = send(contributor)
    client.force_login(moderator)
    response = decide(client, submission, action="approve")
    assert response.status_code == 302 and response.url == "/moderation/"

    submission.refresh_from_db()
    project = submission.project
    assert submission.status == Submission.Status.APPROVED and submission.moderated_by == moderator
    assert submission.moderated_at is not None
    assert (project.slug, project.countries, project.languages) == ("lucie-reloaded", ["FR", "BE"], ["fr", "en"])
    assert sorted(project.organisations.values_list("name", flat=True)) == ["LINAGORA", "OpenLLM-France"]
    assert HubRepo.objects.get(repo_id=LUCIE).project == project
    assert CodeRepository.objects.get(project=project).licence == "AGPL-3.0"
    evidence = Evidence.objects.get(project=project)
    assert evidence.source == "contributor" and evidence.statement == valid_project()["justification"]
    assert evidence.url == "https://arxiv.org/abs/2503.12294"
    created = ChangeRecord.objects.get(project=project, field="project")
    assert created.reason.startswith("submitted by alice, approved by mona") and created.changed_by == moderator
    assert project.legs.count() == 3  # recomputed in the same transaction

    client.logout()
    assert client.get("/projects/lucie-reloaded/").status_code == 200
    assert client.get("/api/v1/projects/lucie-reloaded/").json()["name"] == "Lucie Reloaded"
    (message,) = mail.outbox
    assert message.to == ["alice@example.org"] and "Approved" in message.subject
    assert "/projects/lucie-reloaded/" in message.body


def test_approving_twice_does_nothing_the_second_time(client, contributor, moderator):
    submission = send(contributor)
    approve_submission(submission=submission, moderator=moderator)
    records = ChangeRecord.objects.count()
    client.force_login(moderator)
    response = decide(client, submission, action="approve")
    assert response.status_code == 302
    approve_submission(submission=submission, moderator=moderator)
    assert Project.objects.filter(name="Lucie Reloaded").count() == 1
    assert ChangeRecord.objects.count() == records and len(mail.outbox) == 1


def test_a_rejection_needs_a_reason_keeps_what_was_typed_and_mails_the_contributor(client, contributor, moderator):
    submission = send(contributor)
    client.force_login(moderator)
    response = decide(client, submission, action="reject", reason="  ", message="kept")
    assert response.status_code == 400 and "Give the reason" in response.content.decode()
    assert "kept" in response.content.decode()
    response = decide(client, submission, action="reject", reason="Not a European project.")
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REJECTED and submission.decision_reason == "Not a European project."
    assert not Project.objects.filter(name="Lucie Reloaded").exists()
    (message,) = mail.outbox
    assert "Not a European project." in message.body and message.to == ["alice@example.org"]
    with pytest.raises(AlreadyDecided):
        approve_submission(submission=submission, moderator=moderator)


def test_asking_for_changes_sends_the_message_and_keeps_it_in_the_queue(client, contributor, moderator):
    submission = send(contributor)
    client.force_login(moderator)
    assert decide(client, submission, action="request-changes", message="").status_code == 400
    assert decide(client, submission, action="request-changes", message="Add the paper's DOI.").status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.NEEDS_CHANGES
    assert "Add the paper" in mail.outbox[0].body and "Changes requested" in mail.outbox[0].subject
    assert f"/moderation/submissions/{submission.pk}/" in client.get("/moderation/").content.decode()
    assert "Add the paper" in client.get(submission.get_absolute_url()).content.decode()  # the contributor sees it


def test_approving_a_problem_report_closes_it(client, moderator):
    project = ProjectFactory(slug="lucie")
    report = report_problem(project=project, submitter=None, raw_data={"summary": "x"}, data={"summary": "x"})
    approve_submission(submission=report, moderator=moderator)
    report.refresh_from_db()
    assert report.status == Submission.Status.APPROVED and not mail.outbox  # nobody to tell


def test_a_correction_shows_a_diff_and_is_applied_with_history(client, contributor, moderator):
    project = ProjectFactory(slug="lucie", website="https://old.example.org/")
    correction = Submission.objects.create(
        kind=Submission.Kind.CORRECTION, submitter=contributor, project=project,
        raw_data={"website": "https://new.example.org/"}, data={"website": "https://new.example.org/"})
    client.force_login(moderator)
    html = client.get(f"/moderation/submissions/{correction.pk}/").content.decode()
    assert "https://old.example.org/" in html and "https://new.example.org/" in html
    decide(client, correction, action="approve")
    project.refresh_from_db()
    assert project.website == "https://new.example.org/"
    record = ChangeRecord.objects.get(project=project, field="website")
    assert record.old_value == "https://old.example.org/" and "submitted by alice" in record.reason


@pytest.mark.parametrize("path", ["/moderation/", "/moderation/submissions/{pk}/"])
def test_only_moderators_see_the_queue(client, contributor, other_contributor, moderator, path):
    url = path.format(pk=send(contributor).pk)
    assert client.get(url).status_code == 302  # anonymous: log in first
    for person, status in ((contributor, 403), (other_contributor, 403), (moderator, 200)):
        client.force_login(person)
        assert client.get(url).status_code == status
    client.force_login(other_contributor)
    assert client.post(url, {"action": "approve"}).status_code == 403
    assert Submission.objects.get().status == Submission.Status.PENDING


def test_staff_moderate_too(client, contributor):
    staff = make_contributor("sam@example.org")
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get("/moderation/").status_code == 200


def test_script_in_every_field_is_inert_in_the_queue_and_on_the_decision_page(client, contributor, moderator):
    fields = ["name", "new_organisations", "code_licence", "justification"]
    submission = send(contributor, **{field: XSS for field in fields})
    client.force_login(moderator)
    for html in (client.get("/moderation/").content.decode(),
                 client.get(f"/moderation/submissions/{submission.pk}/").content.decode()):
        assert "<script>alert" not in html and "<img src=x" not in html and "&lt;script&gt;" in html
    reject_submission(submission=submission, moderator=moderator, reason=XSS)
    html = client.get(f"/moderation/submissions/{submission.pk}/").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html


def test_the_queue_links_the_projects_to_review(client, moderator):
    client.force_login(moderator)
    assert 'href="/moderation/review/"' in client.get("/moderation/").content.decode()
