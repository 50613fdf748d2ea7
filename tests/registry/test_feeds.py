"""Atom feeds: new projects, the catalog's openness changes and one project's, valid and escaped."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from registry.models import Project
from tests.factories import (
    ChangeRecordFactory,
    HubRepoFactory,
    OrganisationFactory,
    ProjectFactory,
    SyncRunFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
PROJECTS_FEED = "/feeds/projects.atom"
CHANGES_FEED = "/feeds/changes.atom"


def feed(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)


def entries(root) -> list[dict]:
    return [{
        "title": entry.findtext(f"{ATOM}title"),
        "summary": entry.findtext(f"{ATOM}summary"),
        "link": entry.find(f"{ATOM}link").get("href"),
        "id": entry.findtext(f"{ATOM}id"),
    } for entry in root.iter(f"{ATOM}entry")]


def test_the_projects_feed_lists_visible_projects_newest_first_with_their_organisations(client):
    ProjectFactory(name="Older")
    ProjectFactory(name="Hidden", status=Project.Status.HIDDEN)
    newer = ProjectFactory(name="Lucie", summary="French LLM.", organisations=[OrganisationFactory(name="OpenLLM-France")])

    root = feed(client, PROJECTS_FEED)

    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "New projects · European Open LLM Registry"
    first, second = entries(root)
    assert [first["title"], second["title"]] == ["Lucie", "Older"]
    assert first["link"] == f"http://testserver{newer.get_absolute_url()}"
    assert first["summary"] == "Model family French LLM. By OpenLLM-France."


def test_the_changes_feed_says_old_to_new_why_and_what_caused_it(client):
    project = ProjectFactory(name="Lucie")
    ChangeRecordFactory(project=project, field="leg:model", old_value="partial", new_value="open",
                        reason="Weights now under apache-2.0", sync_run=SyncRunFactory())
    ChangeRecordFactory(project=project, field="leg:corpus", old_value="unknown", new_value="closed",
                        changed_by=UserFactory(username="moderator1"), reason="No data card.")

    corpus, model = entries(feed(client, CHANGES_FEED))

    assert model["title"] == "Lucie: open model: partial → open"
    assert model["summary"].startswith("open model: partial → open. Weights now under apache-2.0. Caused by Hub sync #")
    assert corpus["summary"] == "open corpus: unknown → closed. No data card. Caused by moderator moderator1."
    assert model["link"] == f"http://testserver{project.get_absolute_url()}#history-title"
    assert model["id"].startswith(f"http://testserver{project.get_absolute_url()}#change-")
    assert model["id"] != corpus["id"]


def test_the_changes_feed_leaves_out_checkpoints_computed_values_other_fields_and_hidden_projects(client):
    project = ProjectFactory()
    ChangeRecordFactory(project=project, hub_repo=HubRepoFactory(project=project), field="leg:model")
    ChangeRecordFactory(project=project, field="leg:model:computed")
    ChangeRecordFactory(project=project, field="license", old_value="other", new_value="mit")
    ChangeRecordFactory(project=ProjectFactory(status=Project.Status.HIDDEN), field="leg:code")

    assert entries(feed(client, CHANGES_FEED)) == []


def test_a_project_feed_has_only_that_projects_changes(client):
    lucie, other = ProjectFactory(name="Lucie"), ProjectFactory()
    ChangeRecordFactory(project=lucie, field="leg:code", old_value="closed", new_value="open")
    ChangeRecordFactory(project=other, field="leg:code")

    root = feed(client, reverse("registry:project-changes-feed", kwargs={"slug": lucie.slug}))

    assert root.findtext(f"{ATOM}title") == "Openness changes of Lucie · European Open LLM Registry"
    assert [entry["title"] for entry in entries(root)] == ["Lucie: open code: closed → open"]


def test_a_project_feed_of_an_unknown_or_hidden_project_is_a_404(client):
    hidden = ProjectFactory(status=Project.Status.HIDDEN)

    assert client.get("/projects/no-such-project/changes.atom").status_code == 404
    assert client.get(f"/projects/{hidden.slug}/changes.atom").status_code == 404


def test_names_and_reasons_are_escaped_as_text_in_titles_and_as_html_in_summaries(client):
    project = ProjectFactory(name='<script>alert("x")</script> & Co', summary="<b>bold</b>")
    ChangeRecordFactory(project=project, reason="<img src=x onerror=alert(1)>")

    title = entries(feed(client, PROJECTS_FEED))[0]
    change = entries(feed(client, CHANGES_FEED))[0]

    # Titles are Atom text: the XML parser gives back the name as typed.
    assert title["title"] == '<script>alert("x")</script> & Co'
    # Summaries are Atom HTML: once parsed, the markup is still escaped, so a reader shows it as text.
    assert title["summary"] == "Model family &lt;b&gt;bold&lt;/b&gt;"
    assert "&lt;img src=x onerror=alert(1)&gt;" in change["summary"]
    assert "<img" not in change["summary"]


def test_a_catalog_feed_answers_304_while_the_catalog_is_unchanged(client):
    etag = client.get(CHANGES_FEED)["ETag"]

    assert client.get(CHANGES_FEED, headers={"if-none-match": etag}).status_code == 304


@pytest.mark.parametrize("url", [PROJECTS_FEED, CHANGES_FEED, "/projects/lucie/changes.atom"])
def test_a_feeds_queries_do_not_grow_with_its_entries(client, django_assert_max_num_queries, url):
    lucie = ProjectFactory(slug="lucie")

    def add_rows():
        project = ProjectFactory(organisations=[OrganisationFactory(), OrganisationFactory()])
        for target in (project, lucie):
            ChangeRecordFactory(project=target, sync_run=SyncRunFactory())
            ChangeRecordFactory(project=target, changed_by=UserFactory())

    add_rows()
    client.get(url)  # the catalog version's first read creates it
    with django_assert_max_num_queries(4) as few:
        client.get(url)
    for _ in range(5):
        add_rows()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(entries(feed(client, url))) > 5


def test_the_french_feeds_say_their_own_words_in_french_and_keep_names_and_reasons_as_stored(client):
    project = ProjectFactory(name="Lucie", slug="lucie", summary="French LLM.",
                             organisations=[OrganisationFactory(name="OpenLLM-France")])
    ChangeRecordFactory(project=project, field="leg:corpus", old_value="unknown", new_value="closed",
                        changed_by=UserFactory(username="moderator1"), reason="No data card.")

    projects = feed(client, f"/fr{PROJECTS_FEED}")
    changes = feed(client, f"/fr{CHANGES_FEED}")
    one_project = feed(client, "/fr/projects/lucie/changes.atom")

    assert projects.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert projects.findtext(f"{ATOM}title") == "Nouveaux projets · Registre européen des LLM ouverts"
    assert projects.findtext(f"{ATOM}subtitle").startswith("Les projets européens de LLM ouverts")
    assert entries(projects)[0]["summary"] == "Famille de modèles French LLM. Par OpenLLM-France."
    assert changes.findtext(f"{ATOM}title") == "Changements d’ouverture · Registre européen des LLM ouverts"
    assert one_project.findtext(f"{ATOM}title").startswith("Changements d’ouverture de Lucie")
    (change,) = entries(changes)
    assert change["title"] == "Lucie\u00a0: corpus ouvert\u00a0: inconnu → fermé"
    assert change["summary"] == "corpus ouvert\u00a0: inconnu → fermé. No data card. Cause\u00a0: modérateur moderator1."
    assert change["link"] == "http://testserver/fr/projects/lucie/#history-title"
