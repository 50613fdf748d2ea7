"""Script typed into any new contribution field (corrections, evidence, resubmissions, replies, claims and the
moderators' answers) stays inert on every page that shows it, and e-mails are plain text."""

from html.parser import HTMLParser

import pytest
from django.core import mail

from registry.models import Submission
from registry.services.moderation import approve_submission, request_changes
from registry.services.right_of_reply import (
    approve_representation,
    hide_reply,
    publish_reply,
    reject_representation,
    request_representation,
)
from registry.services.submissions import suggest_correction
from tests.factories import OrganisationFactory, ProjectFactory
from tests.submissions_fixtures import contribution_settings, contributor, moderator  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">link</a>'
MARKDOWN_XSS = XSS + ' [click](javascript:alert(3)) <iframe src="https://evil.example"></iframe>'


class LiveMarkup(HTMLParser):
    """Collects the elements that would run or load something a contributor typed."""

    def __init__(self):
        super().__init__()
        self.live = []

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "object", "embed") or (tag == "img" and dict(attrs).get("src") == "x"):
            self.live.append(tag)
        if tag == "script" and not dict(attrs).get("src"):
            self.live.append("inline script")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.live.append(f"{tag} {name}={value}")


def assert_inert(html: str, where: str):
    parser = LiveMarkup()
    parser.feed(html)
    assert parser.live == [], f"live markup on {where}"


def correction(contributor, project) -> Submission:
    data = {"name": XSS, "summary": XSS, "new_organisations": [XSS], "justification": MARKDOWN_XSS,
            "code_repository": {"url": "https://example.org/code", "licence": XSS, "covers": "inference"},
            "evidence": {"leg": "corpus", "value": "closed", "url": "https://example.org/e", "shows": XSS,
                         "quote": XSS}}
    return suggest_correction(project=project, submitter=contributor, raw_data={**data, "typed": XSS}, data=data)


def test_a_hostile_correction_is_inert_for_the_moderator_the_contributor_and_after_approval(client, contributor,
                                                                                            moderator):
    project = ProjectFactory(slug="lucie", kind="model-family")
    submission = correction(contributor, project)
    request_changes(submission=submission, moderator=moderator, message=XSS)
    client.force_login(contributor)
    for url in ("/account/submissions/", submission.get_absolute_url(), f"/account/submissions/{submission.pk}/resubmit/"):
        assert_inert(client.get(url).content.decode(), url)
    client.force_login(moderator)
    for url in ("/moderation/", f"/moderation/submissions/{submission.pk}/"):
        html = client.get(url).content.decode()
        assert_inert(html, url)
        assert "&lt;script&gt;" in html
    approve_submission(submission=submission, moderator=moderator)
    client.logout()
    html = client.get("/projects/lucie/").content.decode()
    assert_inert(html, "the project page")
    assert "&lt;script&gt;" in html  # shown, as text (the name, the history, the evidence)
    assert all(not message.alternatives for message in mail.outbox)  # plain text only


def test_hostile_claims_replies_and_reasons_are_inert(client, contributor, moderator):
    organisation = OrganisationFactory(slug="lab", name="Lab")
    project = ProjectFactory(slug="lucie")
    project.organisations.add(organisation)
    refused = request_representation(user=moderator, organisation=organisation, justification=XSS)
    claim = request_representation(user=contributor, organisation=organisation, justification=XSS)
    client.force_login(moderator)
    assert_inert(client.get("/moderation/").content.decode(), "the queue")
    reject_representation(claim=refused, moderator=moderator, reason=XSS)
    approve_representation(claim=claim, moderator=moderator)
    publish_reply(author=contributor, project=project, organisation=organisation, leg="model", body=MARKDOWN_XSS)
    hidden = publish_reply(author=contributor, project=project, organisation=organisation, leg="", body="x")
    hide_reply(reply=hidden, moderator=moderator, reason=XSS)
    for person in (None, contributor, moderator):
        client.logout() if person is None else client.force_login(person)
        assert_inert(client.get("/projects/lucie/").content.decode(), f"the project page for {person}")
    assert_inert(client.get("/account/submissions/").content.decode(), "the account page")
    assert all(not message.alternatives for message in mail.outbox)
