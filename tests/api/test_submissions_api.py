"""POST /api/v1/submissions/: a token-authenticated contributor proposes a project; the site form's validation
applies, errors are JSON 4xx, and the endpoint is throttled per account and per address."""

import pytest
from django.core.cache import caches
from rest_framework.authtoken.models import Token

from registry.models import Submission
from registry.services.api_tokens import revoke_api_token
from tests.submissions_fixtures import (  # noqa: F401  (fixtures)
    LUCIE,
    contribution_settings,
    contributor,
    valid_project,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/submissions/"


@pytest.fixture
def token(contributor):
    return Token.objects.create(user=contributor)


def body(**changes) -> dict:
    """The site form's fields as JSON: lists where a field holds several values."""
    return {**valid_project(), "hub_repo_ids": [LUCIE], "countries": ["FR"], "new_organisations": ["LINAGORA"],
            **changes}


def post(client, data, token=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Token {token.key}"} if token else {}
    return client.post(URL, data, content_type="application/json", **headers, **extra)


def test_a_token_holder_creates_a_submission_checked_on_the_hub(client, token, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, body(), token)
    assert response.status_code == 201, response.content
    submission = Submission.objects.get()
    assert response.json() == {"id": submission.pk, "kind": "new-project", "status": "pending",
                               "check_status": "pending", "url": f"http://testserver/account/submissions/{submission.pk}/"}
    assert submission.raw_data == body() and submission.submitter == token.user
    assert submission.data["hub_repos"] == [{"repo_id": LUCIE, "repo_type": "model"}]
    submission.refresh_from_db()
    assert submission.check_status == "done" and submission.pre_assessment["project"]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "", "This field is required."),
    ("hub_repo_ids", ["not-an-id"], "not a Hub repository id"),
    ("hub_repo_ids", "ns/a\nns/b/c", "not a Hub repository id"),
    ("hub_repo_ids", [1, 2], "Enter a list of texts."),
    ("website", "javascript:alert(1)", "starting with http:// or https://"),
    ("external_datasets", ["ftp://example.org/data"], "starting with http:// or https://"),
    ("justification", "x" * 5001, "at most 5000 characters"),
    ("countries", ["France"], "not a two-letter country code"),
    ("organisations", ["no-such-organisation"], "Select a valid choice"),
])
def test_the_site_forms_validation_applies_with_json_errors(client, token, field, value, message):
    response = post(client, body(**{field: value}), token)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert any(message in error for error in response.json()["errors"][field])
    assert not Submission.objects.exists()


def test_a_body_that_is_not_an_object_is_a_400(client, token):
    response = post(client, [body()], token)
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_no_token_or_a_revoked_one_is_a_401(client, token):
    assert post(client, body()).status_code == 401
    revoke_api_token(user=token.user)
    response = post(client, body(), token)
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"
    assert not Submission.objects.exists()


def test_only_post_is_allowed(client, token):
    response = client.get(URL, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"


def test_submissions_are_throttled_per_account(client, token, settings, django_capture_on_commit_callbacks):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "submission-account": "2/hour"}}
    caches["volatile"].clear()
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [post(client, body(hub_repo_ids=[]), token, REMOTE_ADDR=f"203.0.113.{n}").status_code
                    for n in range(3)]
    response = post(client, body(hub_repo_ids=[]), token)
    assert statuses == [201, 201, 429] and response.status_code == 429 and response["Retry-After"]
    assert response.json()["code"] == "throttled" and Submission.objects.count() == 2


# --- Corrections ---------------------------------------------------------------------------------------------

CORRECTIONS = "/api/v1/projects/{slug}/corrections/"


@pytest.fixture
def project(db):
    from tests.factories import ProjectFactory

    return ProjectFactory(slug="lucie", name="Lucie", website="https://old.example.org/")


def test_a_token_holder_suggests_a_correction_where_left_out_fields_keep_their_value(client, token, project):
    body = {"website": "https://new.example.org/", "justification": "The site moved.",
            "evidence_leg": "corpus", "evidence_value": "closed", "evidence_url": "https://example.org/card",
            "evidence_shows": "The corpus is not released."}
    response = client.post(CORRECTIONS.format(slug="lucie"), body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 201, response.content
    submission = Submission.objects.get()
    assert response.json()["kind"] == "correction" and submission.project == project
    assert submission.raw_data == body
    assert submission.data == {"website": "https://new.example.org/", "justification": "The site moved.",
                               "evidence": {"leg": "corpus", "value": "closed", "url": "https://example.org/card",
                                            "shows": "The corpus is not released.", "quote": ""}}


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"justification": "x"}, "__all__", "Nothing differs from the project"),
    ({"website": "javascript:alert(1)", "justification": "x"}, "website", "starting with http://"),
    ({"evidence_leg": "model", "justification": "x"}, "evidence_url", "Evidence needs"),
    ({"website": "https://new.example.org/"}, "justification", "This field is required."),
])
def test_a_correction_gets_the_site_forms_validation_as_json(client, token, project, body, field, message):
    response = client.post(CORRECTIONS.format(slug="lucie"), body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert any(message in error for error in response.json()["errors"][field])
    assert not Submission.objects.exists()


def test_a_correction_needs_a_token_and_an_existing_project(client, token, project):
    body = {"website": "https://new.example.org/", "justification": "x"}
    assert client.post(CORRECTIONS.format(slug="lucie"), body, content_type="application/json").status_code == 401
    response = client.post(CORRECTIONS.format(slug="nope"), body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_a_post_to_a_path_naming_no_project_is_the_apis_json_404(token):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/api/v1/projects/not a slug/corrections/", b"{}", content_type="application/json")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
