"""A submission sent back for changes: its contributor sees the request, edits and resubmits it; the earlier
version is kept with the request it answered, and the submission is back in the queue."""

import pytest

from registry.forms.submissions import ProjectSubmissionForm, structured
from registry.models import Submission
from registry.services.moderation import reject_submission, request_changes
from registry.services.submissions import NotResubmittable, resubmit, submit_project, suggest_correction
from tests.factories import ProjectFactory
from tests.submissions_fixtures import (  # noqa: F401  (fixtures)
    contribution_settings,
    contributor,
    moderator,
    other_contributor,
    valid_project,
)

pytestmark = pytest.mark.django_db
REQUEST = "Please link the model card."


@pytest.fixture
def sent_back(contributor, moderator) -> Submission:
    form = ProjectSubmissionForm(data=valid_project())
    assert form.is_valid()
    submission = submit_project(submitter=contributor, raw_data=valid_project(), data=structured(form.cleaned_data))
    return request_changes(submission=submission, moderator=moderator, message=REQUEST)


def test_the_contributor_sees_the_request_and_a_way_to_resubmit(client, contributor, sent_back):
    client.force_login(contributor)
    listing = client.get("/account/submissions/").content.decode()
    assert REQUEST in listing and f"/account/submissions/{sent_back.pk}/resubmit/" in listing
    page = client.get(f"/account/submissions/{sent_back.pk}/resubmit/").content.decode()
    assert REQUEST in page and 'value="Lucie Reloaded"' in page  # the form holds what was sent last


def test_resubmitting_keeps_the_earlier_version_and_returns_it_to_the_queue(client, contributor, moderator,
                                                                            sent_back):
    client.force_login(contributor)
    response = client.post(f"/account/submissions/{sent_back.pk}/resubmit/",
                           valid_project(justification="Model card: https://huggingface.co/x/y"))
    assert response.status_code == 302 and response.url == sent_back.get_absolute_url()

    sent_back.refresh_from_db()
    assert sent_back.status == Submission.Status.PENDING and sent_back.decision_reason == ""
    assert sent_back.data["justification"] == sent_back.raw_data["justification"] == "Model card: https://huggingface.co/x/y"
    (version,) = sent_back.versions.all()
    assert (version.number, version.change_request, version.requested_by) == (1, REQUEST, moderator)
    assert version.raw_data == valid_project() and version.data["name"] == "Lucie Reloaded"
    client.force_login(moderator)
    queue = client.get("/moderation/").content.decode()
    assert f"/moderation/submissions/{sent_back.pk}/" in queue
    page = client.get(f"/moderation/submissions/{sent_back.pk}/").content.decode()
    assert "Earlier versions" in page and REQUEST in page


def test_every_version_is_kept_through_several_rounds(contributor, moderator, sent_back):
    for round_ in range(2, 4):
        resubmit(submission=sent_back, submitter=contributor, raw_data={"round": round_}, data={"name": f"v{round_}"})
        request_changes(submission=sent_back, moderator=moderator, message=f"Round {round_}")
    assert [(v.number, v.change_request) for v in sent_back.versions.all()] == [(1, REQUEST), (2, "Round 2")]
    assert sent_back.versions.get(number=2).raw_data == {"round": 2}
    sent_back.refresh_from_db()
    assert (sent_back.raw_data, sent_back.decision_reason) == ({"round": 3}, "Round 3")  # the current version


def test_a_correction_is_resubmitted_with_the_correction_form(client, contributor, moderator):
    project = ProjectFactory(slug="lucie", website="https://old.example.org/")
    data = {"website": "https://new.example.org/", "justification": "x"}
    correction = suggest_correction(project=project, submitter=contributor, raw_data=data, data=data)
    request_changes(submission=correction, moderator=moderator, message=REQUEST)
    client.force_login(contributor)
    form = {"name": project.name, "project_kind": project.kind, "website": "https://newer.example.org/",
            "justification": "The site moved."}
    assert client.post(f"/account/submissions/{correction.pk}/resubmit/", form).status_code == 302
    correction.refresh_from_db()
    assert correction.data == {"website": "https://newer.example.org/", "justification": "The site moved."}
    assert correction.versions.get().data == data


def test_invalid_resubmissions_re_render_with_messages_and_change_nothing(client, contributor, sent_back):
    client.force_login(contributor)
    response = client.post(f"/account/submissions/{sent_back.pk}/resubmit/", valid_project(website="javascript:x"))
    assert response.status_code == 400 and "starting with http://" in response.content.decode()
    sent_back.refresh_from_db()
    assert sent_back.status == Submission.Status.NEEDS_CHANGES and not sent_back.versions.exists()


def test_only_its_contributor_resubmits_and_only_when_changes_were_asked(client, contributor, other_contributor,
                                                                        moderator, sent_back):
    url = f"/account/submissions/{sent_back.pk}/resubmit/"
    assert client.post(url, valid_project()).status_code == 302  # anonymous: to the log-in
    for person in (other_contributor, moderator):
        client.force_login(person)
        assert client.post(url, valid_project()).status_code == 404
    with pytest.raises(NotResubmittable):
        resubmit(submission=sent_back, submitter=other_contributor, raw_data={}, data={})
    reject_submission(submission=sent_back, moderator=moderator, reason="Out of scope.")
    client.force_login(contributor)
    assert client.post(url, valid_project()).status_code == 302
    sent_back.refresh_from_db()
    assert sent_back.status == Submission.Status.REJECTED and not sent_back.versions.exists()
