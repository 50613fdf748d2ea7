"""Right of reply: a person asks to represent an organisation, a moderator verifies or rejects it, a verified
representative replies to the assessment of the organisation's projects, and moderators may hide a reply."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from registry.models import AssessmentReply, Representative
from registry.services.right_of_reply import (
    AlreadyAsked,
    AlreadyDecided,
    approve_representation,
    hide_reply,
    publish_reply,
    reject_representation,
    request_representation,
)
from tests.factories import OrganisationFactory, ProjectFactory
from tests.submissions_fixtures import (  # noqa: F401  (fixtures)
    contribution_settings,
    contributor,
    moderator,
    other_contributor,
)

pytestmark = pytest.mark.django_db
REPLY = "Our **corpus** is documented in the [data card](https://example.org/card)."


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="OpenLLM-France", slug="openllm-france")


@pytest.fixture
def project(organisation):
    project = ProjectFactory(name="Lucie", slug="lucie")
    project.organisations.add(organisation)
    return project


@pytest.fixture
def representative(contributor, organisation, moderator):
    claim = request_representation(user=contributor, organisation=organisation, justification="I lead its lab.")
    approve_representation(claim=claim, moderator=moderator)
    return contributor


def test_a_request_waits_for_a_moderator_and_is_listed_in_the_queue(client, contributor, organisation, moderator):
    client.force_login(contributor)
    response = client.post("/organisations/openllm-france/represent/", {"justification": "I lead its lab."})
    assert response.status_code == 302
    claim = Representative.objects.get()
    assert (claim.user, claim.organisation, claim.status) == (contributor, organisation, "pending")
    assert "Waiting for a moderator" in client.get("/account/submissions/").content.decode()
    client.force_login(moderator)
    queue = client.get("/moderation/").content.decode()
    assert "I lead its lab." in queue and f"/moderation/representatives/{claim.pk}/" in queue


def test_a_moderator_verifies_a_representative_who_is_told_by_e_mail(client, contributor, organisation, moderator):
    claim = request_representation(user=contributor, organisation=organisation, justification="x")
    client.force_login(moderator)
    assert client.post(f"/moderation/representatives/{claim.pk}/", {"action": "approve"}).status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == ("approved", moderator)
    (message,) = mail.outbox
    assert message.to == ["alice@example.org"] and "You represent OpenLLM-France" in message.subject
    with pytest.raises(AlreadyDecided):
        reject_representation(claim=claim, moderator=moderator, reason="No.")


def test_a_rejection_needs_a_reason_and_the_person_may_ask_again(client, contributor, organisation, moderator):
    claim = request_representation(user=contributor, organisation=organisation, justification="x")
    with pytest.raises(AlreadyAsked):
        request_representation(user=contributor, organisation=organisation, justification="again")
    client.force_login(moderator)
    client.post(f"/moderation/representatives/{claim.pk}/", {"action": "reject", "reason": ""})
    assert Representative.objects.get().status == "pending"
    client.post(f"/moderation/representatives/{claim.pk}/", {"action": "reject", "reason": "Use a work address."})
    claim.refresh_from_db()
    assert (claim.status, claim.decision_reason) == ("rejected", "Use a work address.")
    assert "Use a work address." in mail.outbox[0].body
    request_representation(user=contributor, organisation=organisation, justification="From my work address.")


def test_a_verified_representative_publishes_a_reply_shown_as_the_organisations(client, representative, project):
    client.force_login(representative)
    assert 'href="/projects/lucie/reply/"' in client.get("/projects/lucie/").content.decode()
    response = client.post("/projects/lucie/reply/", {"organisation": "openllm-france", "leg": "corpus", "body": REPLY})
    assert response.status_code == 302
    reply = AssessmentReply.objects.get()
    assert (reply.project, reply.leg, reply.body, reply.author) == (project, "corpus", REPLY, representative)

    client.logout()
    html = client.get("/projects/lucie/").content.decode()
    replies = html[html.index('id="replies-title"'):]
    assert "Reply from OpenLLM-France</strong>, by its verified representative" in replies
    assert "about the open corpus leg" in replies
    assert '<strong>corpus</strong>' in replies and '<a href="https://example.org/card"' in replies


@pytest.mark.parametrize("who", ["anonymous", "other user", "pending claimant", "representative elsewhere",
                                 "moderator"])
def test_nobody_but_a_verified_representative_of_the_projects_organisation_may_reply(
        client, who, project, contributor, other_contributor, moderator):
    if who == "pending claimant":
        request_representation(user=other_contributor, organisation=project.organisations.get(), justification="x")
    if who == "representative elsewhere":
        claim = request_representation(user=other_contributor, organisation=OrganisationFactory(), justification="x")
        approve_representation(claim=claim, moderator=moderator)
    person = {"anonymous": None, "moderator": moderator}.get(who, other_contributor)
    if person:
        client.force_login(person)
    get = client.get("/projects/lucie/reply/")
    post = client.post("/projects/lucie/reply/", {"organisation": "openllm-france", "body": "x"})
    expected = 302 if person is None else 403
    assert (get.status_code, post.status_code) == (expected, expected)
    assert not AssessmentReply.objects.exists()
    if person:
        with pytest.raises(PermissionDenied):
            publish_reply(author=person, project=project, organisation=project.organisations.get(), leg="", body="x")


def test_a_representative_cannot_reply_as_another_organisation(client, representative, project):
    other = OrganisationFactory(slug="other-lab")
    project.organisations.add(other)
    client.force_login(representative)
    response = client.post("/projects/lucie/reply/", {"organisation": "other-lab", "body": "x"})
    assert response.status_code == 400 and not AssessmentReply.objects.exists()


def test_a_moderator_hides_a_reply_and_its_author_is_told_why(client, representative, project, moderator,
                                                              other_contributor):
    reply = publish_reply(author=representative, project=project, organisation=project.organisations.get(), leg="",
                          body="Off-topic advertising.")
    client.force_login(other_contributor)
    assert client.post(f"/moderation/replies/{reply.pk}/hide/", {"reason": "x"}).status_code == 403
    client.force_login(moderator)
    assert f"/moderation/replies/{reply.pk}/hide/" in client.get("/projects/lucie/").content.decode()
    assert client.post(f"/moderation/replies/{reply.pk}/hide/", {"reason": "Advertising."}).status_code == 302
    reply.refresh_from_db()
    assert (reply.hidden, reply.hidden_by, reply.hidden_reason) == (True, moderator, "Advertising.")
    assert "Off-topic advertising." not in client.get("/projects/lucie/").content.decode()
    assert "Advertising." in mail.outbox[-1].body
    hide_reply(reply=reply, moderator=moderator, reason="again")  # idempotent
    assert AssessmentReply.objects.get().hidden_reason == "Advertising."


def test_the_honeypot_and_the_throttle_guard_the_request_and_the_reply(client, representative, project, settings,
                                                                       other_contributor):
    client.force_login(other_contributor)
    client.post("/organisations/openllm-france/represent/", {"justification": "x", "fax_number": "1"})
    assert not Representative.objects.filter(user=other_contributor).exists()
    client.force_login(representative)
    client.post("/projects/lucie/reply/", {"organisation": "openllm-france", "body": "x", "fax_number": "1"})
    assert not AssessmentReply.objects.exists()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "submission-account": "1/hour"}}
    statuses = [client.post("/projects/lucie/reply/", {"organisation": "openllm-france", "body": f"r{n}"}).status_code
                for n in range(2)]
    assert statuses == [302, 429] and AssessmentReply.objects.count() == 1
