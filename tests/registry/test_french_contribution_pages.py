"""The contributor's pages read in French under /fr/: proposing a project, suggesting a correction, reporting a
problem, one's submissions and each of them, with the forms' labels, help and error messages in French; what the
contributor typed is shown exactly as typed, and the English pages are unchanged."""

import re

import pytest

from registry.models import Submission
from registry.services.moderation import request_changes
from registry.services.right_of_reply import approve_representation, request_representation
from tests.factories import OrganisationFactory, ProjectFactory
from tests.submissions_fixtures import (  # noqa: F401  (fixtures)
    contribution_settings,
    contributor,
    moderator,
    valid_project,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, contributor):
    client.force_login(contributor)
    return client


@pytest.fixture
def project(db):
    project = ProjectFactory(name="Lucie", slug="lucie", kind="model-family")
    project.organisations.add(OrganisationFactory(name="OpenLLM-France", slug="openllm-france"))
    return project


def _main(response) -> str:
    """The page's <main>, its tags removed and its spaces collapsed."""
    main = re.search(r"(?s)<main.*?</main>", response.content.decode()).group(0)
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", main))


def _french(client, path: str, expected_status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == expected_status, path
    assert response["Content-Language"] == "fr"
    return _main(response)


def _send_a_proposal(client, **changes) -> Submission:
    client.post("/fr/submit/", {**valid_project(**changes), "action": "preview"})
    client.post("/fr/submit/", {"action": "send"})
    return Submission.objects.get(kind=Submission.Kind.NEW_PROJECT)


@pytest.mark.parametrize(("path", "french", "english"), [
    ("/fr/submit/", ["Proposer un projet", "Parlez-nous d’un projet européen de LLM ouvert",
                     "Autres organisations", "Codes à deux lettres, par exemple FR, DE.", "Vérifier et prévisualiser"],
     ["Tell us about", "Other organisations", "Two-letter codes", "Check and preview", "Leave this field empty"]),
    ("/fr/projects/lucie/correct/", ["Proposer une correction de", "Joindre un dépôt de code", "Preuve pour le volet",
                                     "Envoyer la correction"],
     ["Suggest a correction to", "Attach a code repository", "Evidence for the leg", "What the source shows",
      "Send the correction"]),
    ("/fr/projects/lucie/report/", ["Signaler un problème avec", "Ce qui ne va pas, en une ligne.",
                                    "Envoyer le signalement"],
     ["Report a problem with", "What is wrong", "Summary", "Details", "Send the report"]),
    ("/fr/account/submissions/", ["Vos propositions", "Jeton d’API", "Vous n’avez encore rien envoyé."],
     ["Your submissions", "API token", "You have not sent anything yet."]),
    ("/fr/account/token/", ["Votre jeton d’API", "Créer un jeton"], ["Your API token", "Create a token", "Anyone holding"]),
    ("/fr/organisations/openllm-france/represent/", ["Représenter", "Qui vous êtes au sein de l’organisation",
                                                     "Demander à la représenter"],
     ["Who you are at the organisation", "Ask to represent it"]),
])
def test_the_contributors_forms_and_pages_are_in_french(signed_in, project, path, french, english):
    text = _french(signed_in, path)

    assert [phrase for phrase in french if phrase not in text] == []
    assert [phrase for phrase in english if phrase in text] == []


def test_a_french_proposal_is_checked_sent_and_shown_in_french_as_typed(signed_in, project):
    preview = signed_in.post("/fr/submit/", {**valid_project(name="Lucie <b>Reloaded</b>"), "action": "preview"})
    text = _main(preview)
    assert "Vérifier avant d’envoyer" in text and "Envoyer pour relecture" in text
    assert "Données d’entraînement hébergées ailleurs" in text and "Check before sending" not in text
    assert "Lucie &lt;b&gt;Reloaded&lt;/b&gt;" in preview.content.decode()

    sent = signed_in.post("/fr/submit/", {"action": "send"}, follow=True)
    submission = Submission.objects.get()
    assert sent.redirect_chain[-1][0] == f"/fr/account/submissions/{submission.pk}/"
    text = _main(sent)
    assert f"Merci\u00a0: la proposition n°\u00a0{submission.pk} est enregistrée" in sent.content.decode()
    assert "En attente de relecture" in text and "Ce que vous avez envoyé" in text and "Exactement tel que saisi" in text
    for english in ("Status:", "What you sent", "Exactly as typed", "All your submissions", "Thank you"):
        assert english not in text
    # The contributor's words stay as typed, escaped.
    assert "Lucie &lt;b&gt;Reloaded&lt;/b&gt;" in sent.content.decode()


def test_a_french_form_sent_with_errors_comes_back_with_french_messages(signed_in, project):
    response = signed_in.post("/fr/submit/", {**valid_project(countries="France", hub_repo_ids="lucie",
                                                              website="ftp://example.org", code_url=""),
                                              "action": "preview"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "«\u00a0FRANCE\u00a0»\u00a0: ce n’est pas un code de pays à deux lettres" in html
    assert "«\u00a0lucie\u00a0»\u00a0: ce n’est pas un identifiant de dépôt du Hub" in html
    assert "Saisissez une adresse web commençant par http:// ou https://." in html
    assert "Indiquez le dépôt de code auquel se rapportent la licence et la couverture." in html
    assert "not a two-letter country code" not in html and "Enter a web address" not in html


def test_a_french_correction_with_incomplete_evidence_or_no_change_is_refused_in_french(signed_in, project):
    form = {"name": "Lucie", "project_kind": "model-family", "organisations": "openllm-france",
            "justification": "See the sources."}

    incomplete = signed_in.post("/fr/projects/lucie/correct/", {**form, "evidence_leg": "code"})
    unchanged = signed_in.post("/fr/projects/lucie/correct/", form)

    assert incomplete.status_code == 400
    assert "Une preuve demande son volet, sa valeur, sa source et ce qu’elle montre." in incomplete.content.decode()
    assert unchanged.status_code == 400
    assert "Rien ne diffère du projet tel qu’il est" in unchanged.content.decode()


def test_a_french_correction_shows_what_it_changes_in_french(signed_in, project):
    sent = signed_in.post("/fr/projects/lucie/correct/", {
        "name": "Lucie 2", "project_kind": "model-family", "organisations": "openllm-france",
        "justification": "See the sources.", "hub_repo_ids": "OpenLLM-France/Lucie-7B",
        "attach_code_url": "https://github.com/example/lucie", "attach_code_coverage": "inference"}, follow=True)

    text = _main(sent)
    assert "Merci\u00a0: la correction n°" in text and "Correction de Lucie" in text
    assert "Ce que change la correction" in text and "Dépôt de modèle du Hub" in text and "Dépôt de code" in text
    assert "licence non indiquée" in text
    for english in ("Correction to", "What the correction changes", "Hub model repository", "not given"):
        assert english not in text


def test_a_sent_back_submission_and_its_resubmission_read_in_french(signed_in, project, moderator):
    submission = _send_a_proposal(signed_in)
    request_changes(submission=submission, moderator=moderator, message="Add a <b>source</b>.")

    detail = _french(signed_in, f"/fr/account/submissions/{submission.pk}/")
    listing = _french(signed_in, "/fr/account/submissions/")
    form = _french(signed_in, f"/fr/account/submissions/{submission.pk}/resubmit/")
    resent = signed_in.post(f"/fr/account/submissions/{submission.pk}/resubmit/", valid_project(), follow=True)

    assert "Modifications demandées" in detail and "Note du modérateur\u00a0:" in detail
    assert "Modifier et renvoyer" in listing and "Vérification sur le Hub" in listing
    assert "Le modérateur demande\u00a0:" in form and "Renvoyer" in form
    assert "Add a &lt;b&gt;source&lt;/b&gt;." in form  # the moderator's words, as typed
    resent_text = _main(resent)
    assert "est de retour dans la file des modérateurs" in resent_text and "Versions précédentes" in resent_text
    for text in (detail, listing, form, resent_text):
        for english in ("Moderator's note", "Edit and resubmit", "The moderator asks", "Earlier versions",
                        "Hub check", "Changes requested"):
            assert english not in text


def test_a_french_report_thanks_in_french(client, project):
    response = client.post("/fr/projects/lucie/report/", {"summary": "Wrong licence"}, follow=True)

    assert "Merci\u00a0: votre signalement est enregistré" in response.content.decode()


def test_the_english_contributor_pages_are_unchanged(signed_in, project):
    submit = _main(signed_in.get("/submit/"))
    correct = _main(signed_in.get("/projects/lucie/correct/"))
    report = _main(signed_in.get("/projects/lucie/report/"))
    errors = signed_in.post("/submit/", {**valid_project(countries="France"), "action": "preview"}).content.decode()

    assert "Tell us about a European open LLM project. A moderator checks every submission" in submit
    assert "Other organisations" in submit and "Check and preview" in submit
    assert "Suggest a correction to Lucie" in correct and "Evidence for the leg" in correct
    assert "Report a problem with Lucie" in report and "What is wrong, in one line." in report
    assert "“FRANCE”: not a two-letter country code (ISO 3166-1), e.g. FR." in errors
    for text in (submit, correct, report, errors):
        assert "Proposer" not in text and "Vérifier" not in text and "Signaler" not in text


def test_asking_twice_to_represent_an_organisation_is_refused_in_french(signed_in, project):
    form = {"justification": "I lead the project."}
    first = signed_in.post("/fr/organisations/openllm-france/represent/", form, follow=True)
    second = signed_in.post("/fr/organisations/openllm-france/represent/", form, follow=True)

    assert "Merci\u00a0: un modérateur vérifiera que vous représentez OpenLLM-France." in first.content.decode()
    assert "Vous avez déjà demandé à représenter OpenLLM-France." in second.content.decode()
    assert "Organisations que vous avez demandé à représenter" in _main(second)


def test_a_representatives_reply_is_published_and_labelled_in_french_in_its_own_words(signed_in, contributor, project,
                                                                                    moderator):
    claim = request_representation(user=contributor, organisation=project.organisations.get(), justification="I lead.")
    approve_representation(claim=claim, moderator=moderator)

    form = _french(signed_in, "/fr/projects/lucie/reply/")
    published = signed_in.post("/fr/projects/lucie/reply/", {"organisation": "openllm-france", "leg": "corpus",
                                                             "body": "Our **corpus** is documented."}, follow=True)

    assert "Répondre à l’évaluation de" in form and "Répondre au nom de" in form and "Publier la réponse" in form
    assert "Reply to the assessment" not in form and "Your reply" not in form
    html = published.content.decode()
    assert published.redirect_chain[-1][0] == "/fr/projects/lucie/#replies-title"
    assert "La réponse de votre organisation est publiée." in html
    replies = html[html.index('id="replies-title"'):]
    assert "Réponses des organisations" in replies
    assert "<strong>Réponse de OpenLLM-France</strong>, par son représentant vérifié" in replies
    assert "le volet «\u00a0corpus ouvert\u00a0»" in replies
    assert "Our <strong>corpus</strong> is" in replies  # the organisation's words, as written
    assert "Reply from" not in replies and "Reply as your organisation" not in replies


def test_the_moderation_queue_and_decision_page_read_in_french(client, signed_in, project, moderator):
    submission = _send_a_proposal(signed_in, name="Lucie <i>Reloaded</i>")
    client.force_login(moderator)

    queue = _french(client, "/fr/moderation/")
    page = _french(client, f"/fr/moderation/submissions/{submission.pk}/")
    refused = client.post(f"/fr/moderation/submissions/{submission.pk}/", {"action": "reject", "reason": ""})
    sent_back = client.post(f"/fr/moderation/submissions/{submission.pk}/",
                            {"action": "request-changes", "message": "Add a source."}, follow=True)

    assert "File de modération" in queue and "Examiner et décider" in queue and "Aucune demande n’attend." in queue
    assert "Approuver" in page and "Demander des modifications" in page and "Motif (montré au contributeur)" in page
    assert "Lucie &lt;i&gt;Reloaded&lt;/i&gt;" in client.get(f"/fr/moderation/submissions/{submission.pk}/").content.decode()
    assert refused.status_code == 400
    assert "Donnez le motif\u00a0: le contributeur le lira." in refused.content.decode()
    assert f"Proposition n°\u00a0{submission.pk} renvoyée à son contributeur." in sent_back.content.decode()
    for text in (queue, page):
        for english in ("Moderation queue", "Review and decide", "Ask for changes", "Possible duplicates", "Hub check:"):
            assert english not in text
