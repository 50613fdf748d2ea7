"""Contributions on the site: accounts, proposing a project, reporting a problem, one's own submissions.

Nothing typed is lost (raw and structured data are saved before the Hub check), the Hub check goes through the
Hub client only, every validation error is shown next to its field, possible duplicates are shown before
sending, and what people type is inert on every page that shows it.
"""

import re
import socket
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from celery.exceptions import Retry
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from registry.models import Submission
from registry.tasks import check_submission_hub_task, retry_submission_checks_task
from tests.factories import HubRepoFactory, OrganisationFactory, ProjectFactory
from tests.submissions_fixtures import (  # noqa: F401  (fixtures)
    LUCIE,
    PASSWORD,
    contribution_settings,
    contributor,
    make_contributor,
    other_contributor,
    valid_project,
)

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def submit(client, django_capture_on_commit_callbacks, form: dict, **extra):
    """Preview, then send: the two steps a person takes. Returns the "send" response."""
    preview = client.post("/submit/", {**form, "action": "preview"}, **extra)
    assert preview.status_code == 200, preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/submit/", {"action": "send"}, **extra)


# --- Accounts -----------------------------------------------------------------------------------------------

def test_sign_up_verify_log_in_submit_and_the_hub_check_attaches_a_pre_assessment(
        client, django_capture_on_commit_callbacks, fake_hub):
    response = client.post("/accounts/signup/", {"email": "carol@example.org", "password1": PASSWORD,
                                                 "password2": PASSWORD})
    assert response.status_code == 302
    assert client.post("/accounts/login/", {"login": "carol@example.org", "password": PASSWORD}).url \
        == "/accounts/confirm-email/"  # not before the address is verified
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", message.body).group(1)
    assert client.post(link).status_code == 302
    assert client.post("/accounts/login/", {"login": "carol@example.org", "password": PASSWORD}).status_code == 302

    form = valid_project()
    response = submit(client, django_capture_on_commit_callbacks, form)
    submission = Submission.objects.get()
    assert response.url == f"/account/submissions/{submission.pk}/"
    assert submission.raw_data == form  # exactly as typed, spaces and line breaks included
    assert submission.data["hub_repos"] == [{"repo_id": LUCIE, "repo_type": "model"}]
    assert submission.data["countries"] == ["FR", "BE"] and submission.submitter.email == "carol@example.org"
    assert submission.status == Submission.Status.PENDING
    assert submission.check_status == Submission.CheckStatus.DONE and submission.check_attempts == 1
    assert submission.hub_check[LUCIE]["exists"] is True and submission.hub_check[LUCIE]["licence"]
    assert set(submission.pre_assessment["project"]) == {"label", "code", "model", "corpus"}
    assert submission.pre_assessment["checkpoints"][LUCIE]["model"]["value"] in ("open", "partial")
    assert fake_hub.count(f"/api/models/{LUCIE}") == 1


def test_a_moderator_is_made_with_one_command():
    call_command("create_moderator", "mod@example.org", "--no-input")
    call_command("create_moderator", "mod@example.org", "--no-input")  # idempotent
    moderator = Group.objects.get(name="moderator").user_set.get()
    assert moderator.is_staff and moderator.emailaddress_set.get().verified
    assert moderator.has_perm("registry.moderate_submission") and not moderator.has_perm("registry.delete_project")


def test_site_log_ins_are_locked_out_after_repeated_failures(client, contributor, settings):
    statuses = [client.post("/accounts/login/", {"login": contributor.email, "password": "wrong"}).status_code
                for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses[-1] == 429  # django-axes locks the e-mail address out of this client address
    client.post("/accounts/login/", {"login": contributor.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # even the right password
    assert AccessAttempt.objects.get().username == contributor.email


def test_password_reset_sends_a_link(client, contributor):
    assert client.post("/accounts/password/reset/", {"email": contributor.email}).status_code == 302
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


# --- Failures of the Hub check ------------------------------------------------------------------------------

def test_a_hub_500_keeps_the_submission_pending_with_the_error_and_it_is_checked_again(
        client, contributor, fake_hub, django_capture_on_commit_callbacks):
    fake_hub.fail(f"/api/models/{LUCIE}", status=500, times=1)
    client.force_login(contributor)
    submit(client, django_capture_on_commit_callbacks, valid_project())
    submission = Submission.objects.get()
    assert (submission.status, submission.check_status) == ("pending", "failed")
    assert "HubUnavailable" in submission.last_check_error and submission.raw_data
    assert "HubUnavailable" in client.get(submission.get_absolute_url()).content.decode()

    assert retry_submission_checks_task() == 0  # not yet due
    Submission.objects.update(last_check_error_at=timezone.now() - timedelta(hours=1))
    assert retry_submission_checks_task() == 1
    submission.refresh_from_db()
    assert (submission.check_status, submission.check_attempts, submission.last_check_error) == ("done", 2, "")


def test_a_submission_sent_while_the_broker_is_down_is_saved_and_checked_by_the_recheck(
        client, contributor, monkeypatch, django_capture_on_commit_callbacks):
    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(check_submission_hub_task._get_current_object(), "delay", broker_down)
    client.force_login(contributor)
    response = submit(client, django_capture_on_commit_callbacks, valid_project())
    submission = Submission.objects.get()
    assert response.status_code == 302 and submission.raw_data
    assert (submission.status, submission.check_status, submission.check_attempts) == ("pending", "pending", 0)

    monkeypatch.undo()
    assert retry_submission_checks_task() == 0  # not yet due: its task may still be in the queue
    Submission.objects.update(created_at=timezone.now() - timedelta(hours=1))
    assert retry_submission_checks_task() == 1
    submission.refresh_from_db()
    assert submission.check_status == "done"


def test_a_worker_retries_a_failed_check_with_backoff(contributor, fake_hub, monkeypatch):
    submission = Submission.objects.create(kind="new-project", submitter=contributor, raw_data={}, check_status="pending",
                                           data={"name": "x", "hub_repos": [{"repo_id": LUCIE, "repo_type": "model"}]})
    fake_hub.fail(f"/api/models/{LUCIE}", status=503, times=1)
    sent = []
    monkeypatch.setattr(check_submission_hub_task._get_current_object(), "apply_async",
                        lambda *args, **kwargs: sent.append(kwargs))
    check_submission_hub_task.push_request(id="task-1", retries=0, is_eager=False, called_directly=False)
    try:
        with pytest.raises(Retry):
            check_submission_hub_task.run(submission.pk)
    finally:
        check_submission_hub_task.pop_request()
    assert sent and sent[0]["countdown"] >= 0
    submission.refresh_from_db()
    assert submission.check_status == "failed" and submission.status == "pending"


def test_a_hub_timeout_is_recorded_too(contributor, fake_hub, settings, django_capture_on_commit_callbacks, client):
    settings.HUB_TIMEOUT_SECONDS = 0.2
    fake_hub.delay(2, f"/api/models/{LUCIE}", times=1)
    client.force_login(contributor)
    submit(client, django_capture_on_commit_callbacks, valid_project())
    submission = Submission.objects.get()
    assert submission.check_status == "failed" and "HubUnavailable" in submission.last_check_error


def test_the_server_fetches_nothing_but_the_hub(client, contributor, fake_hub, monkeypatch,
                                               django_capture_on_commit_callbacks):
    connections = []
    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", lambda sock, address: (connections.append(address),
                                                                         real_connect(sock, address))[1])
    client.force_login(contributor)
    submit(client, django_capture_on_commit_callbacks, valid_project(
        website="http://198.51.100.9/", code_url="https://203.0.113.5/code", paper_url="http://192.0.2.1/paper",
        external_datasets="http://192.0.2.2/data"))
    assert Submission.objects.get().check_status == "done"
    hub_port = int(fake_hub.url.rsplit(":", 1)[1])
    assert connections and {address[1] for address in connections} == {hub_port}


# --- Validation, duplicates, confirmation -------------------------------------------------------------------

@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "", "This field is required."),
    ("name", "x" * 201, "at most 200 characters"),
    ("justification", "", "This field is required."),
    ("justification", "x" * 5001, "at most 5000 characters"),
    ("hub_repo_ids", "not-an-id", "not a Hub repository id"),
    ("hub_repo_ids", "a/b/c", "not a Hub repository id"),
    ("hub_repo_ids", "ns/bad--name", "not a Hub repository id"),
    ("hub_repo_ids", "\n".join(f"ns/m{i}" for i in range(51)), "At most 50 items"),
    ("website", "javascript:alert(1)", "starting with http:// or https://"),
    ("paper_url", "ftp://example.org/paper.pdf", "starting with http:// or https://"),
    ("code_url", "https://" + "x" * 500 + ".org", "at most 500 characters"),
    ("external_datasets", "file:///etc/passwd", "starting with http:// or https://"),
    ("countries", "France", "not a two-letter country code"),
    ("languages", "french", "not a language code"),
    ("countries", "FR, " + "X" * 61, "longer than 60 characters"),
    ("project_kind", "rocket", "Select a valid choice"),
    ("code_coverage", "everything", "Select a valid choice"),
    ("organisations", "no-such-organisation", "Select a valid choice"),
])
def test_each_invalid_field_is_refused_with_its_message_next_to_it(client, contributor, field, value, message):
    client.force_login(contributor)
    response = client.post("/submit/", {**valid_project(**{field: value}), "action": "preview"})
    html = response.content.decode()
    assert response.status_code == 400
    errors = re.search(rf'<ul class="errorlist" id="id_{field}_errors">(.*?)</ul>', html, re.S)
    assert errors and message in errors.group(1).replace("&#x27;", "'")
    assert not Submission.objects.exists()


def test_a_code_licence_needs_its_code_repository(client, contributor):
    client.force_login(contributor)
    response = client.post("/submit/", {**valid_project(code_url=""), "action": "preview"})
    assert 'id="id_code_url_errors"' in response.content.decode()


def test_possible_duplicates_are_shown_before_sending(client, contributor):
    existing = ProjectFactory(name="Lucie", slug="lucie")
    HubRepoFactory(repo_id=LUCIE, project=existing)
    similar = ProjectFactory(name="Lucie Reloadd", slug="lucie-reloadd")
    ProjectFactory(name="Salamandra", slug="salamandra")
    client.force_login(contributor)
    html = client.post("/submit/", {**valid_project(), "action": "preview"}).content.decode()
    assert "Already in the registry?" in html
    assert f"already lists the Hub repository {LUCIE}" in html and existing.get_absolute_url() in html
    assert similar.get_absolute_url() in html and "/projects/salamandra/" not in html
    assert not Submission.objects.exists()  # nothing is sent before the person confirms


def test_organisations_are_picked_by_slug_and_new_ones_proposed(client, contributor, django_capture_on_commit_callbacks):
    OrganisationFactory(name="LINAGORA", slug="linagora")
    client.force_login(contributor)
    submit(client, django_capture_on_commit_callbacks, {**valid_project(), "organisations": ["linagora"]})
    data = Submission.objects.get().data
    assert data["organisations"] == ["linagora"] and data["new_organisations"] == ["OpenLLM-France", "LINAGORA"]


def test_the_draft_can_be_edited_before_sending(client, contributor):
    client.force_login(contributor)
    client.post("/submit/", {**valid_project(name="Draft name"), "action": "preview"})
    assert 'value="Draft name"' in client.get("/submit/?edit").content.decode()


# --- Problem reports, throttling, honeypot ------------------------------------------------------------------

def test_anyone_can_report_a_problem_and_it_is_saved_without_the_address(client):
    project = ProjectFactory(slug="lucie")
    response = client.post("/projects/lucie/report/", {"summary": "Wrong licence", "details": "It is Apache-2.0"},
                           REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    report = Submission.objects.get()
    assert (report.kind, report.project, report.submitter, report.status) == ("problem-report", project, None, "pending")
    assert report.raw_data == {"summary": "Wrong licence", "details": "It is Apache-2.0"}
    assert len(report.ip_hash) == 64 and "203.0.113.7" not in report.ip_hash
    assert client.get("/projects/no-such-project/report/").status_code == 404


def test_the_honeypot_catches_bots_without_telling_them(client):
    ProjectFactory(slug="lucie")
    response = client.post("/projects/lucie/report/", {"summary": "Buy now", "fax_number": "555-0100"})
    assert response.status_code == 302 and not Submission.objects.exists()


def test_reports_are_throttled_per_address(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "submission-address": "2/hour"}}
    ProjectFactory(slug="lucie")
    statuses = [client.post("/projects/lucie/report/", {"summary": f"Report {n}"}, REMOTE_ADDR="203.0.113.7").status_code
                for n in range(3)]
    assert statuses == [302, 302, 429] and Submission.objects.count() == 2
    assert client.post("/projects/lucie/report/", {"summary": "Other"}, REMOTE_ADDR="198.51.100.1").status_code == 302


def test_submissions_are_throttled_per_account_whatever_the_address(client, contributor, settings,
                                                                     django_capture_on_commit_callbacks):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "submission-account": "1/hour"}}
    client.force_login(contributor)
    submit(client, django_capture_on_commit_callbacks, valid_project(hub_repo_ids=""), REMOTE_ADDR="203.0.113.7")
    response = submit(client, django_capture_on_commit_callbacks, valid_project(hub_repo_ids=""),
                      REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429 and response["Retry-After"] and Submission.objects.count() == 1


# --- Who sees what ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/submit/", "/account/submissions/"])
def test_anonymous_visitors_are_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=")


def test_nobody_but_the_sender_and_moderators_sees_a_submission(client, contributor, other_contributor):
    mine = Submission.objects.create(kind="new-project", submitter=contributor, raw_data={}, data={"name": "Mine"})
    Submission.objects.create(kind="new-project", submitter=other_contributor, raw_data={}, data={"name": "Theirs"})
    assert client.get(mine.get_absolute_url()).status_code == 404  # anonymous
    client.force_login(other_contributor)
    assert client.get(mine.get_absolute_url()).status_code == 404
    listing = client.get("/account/submissions/").content.decode()
    assert "Theirs" in listing and "Mine" not in listing
    client.force_login(contributor)
    assert client.get(mine.get_absolute_url()).status_code == 200
    moderator = make_contributor("mod@example.org")
    moderator.groups.add(Group.objects.get(name="moderator"))
    client.force_login(moderator)
    assert client.get(mine.get_absolute_url()).status_code == 200


def test_the_list_of_ones_submissions_takes_a_fixed_number_of_queries(client, contributor, django_assert_num_queries):
    project = ProjectFactory()
    for n in range(5):
        Submission.objects.create(kind="correction", submitter=contributor, project=project, raw_data={},
                                  data={"summary": f"Fix {n}"})
    client.force_login(contributor)
    with django_assert_num_queries(4):  # session, user, submissions with their projects, representation claims
        assert client.get("/account/submissions/").status_code == 200


# --- What people type is inert ------------------------------------------------------------------------------

TEXT_FIELDS = ["name", "new_organisations", "code_licence", "justification"]


def test_script_in_every_text_field_is_inert_on_the_confirmation_and_submission_pages(
        client, contributor, django_capture_on_commit_callbacks):
    form = valid_project(**{field: XSS for field in TEXT_FIELDS})
    form["justification"] += "\n\n[click](javascript:alert(1)) <a href='javascript:alert(2)'>x</a>"
    client.force_login(contributor)
    preview = client.post("/submit/", {**form, "action": "preview"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/submit/", {"action": "send"})
    submission = Submission.objects.get()
    pages = [preview, client.get(submission.get_absolute_url()).content.decode(),
             client.get("/account/submissions/").content.decode()]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;" in pages[1] and submission.raw_data["name"] == XSS


def test_script_in_a_problem_report_is_inert_on_the_submission_page(client, contributor):
    ProjectFactory(slug="lucie")
    client.force_login(contributor)
    client.post("/projects/lucie/report/", {"summary": XSS, "details": XSS, "source_url": "https://example.org/"})
    html = client.get(Submission.objects.get().get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "&lt;script&gt;" in html
