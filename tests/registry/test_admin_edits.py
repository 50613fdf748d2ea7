"""Moderators' admin edits go through the moderation-edit service: one transaction that saves, credits the person
in the history, keeps the edit from seed loads, recomputes the projects concerned and bumps the catalog version."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from registry.models import ChangeRecord, CodeRepository, LegAssessment, Licence, LicenceClass, Project
from registry.services.catalog_loader import load_catalog
from tests.factories import HubRepoFactory, LicenceFactory, ProjectFactory, synced

pytestmark = pytest.mark.django_db


class _FormFields(HTMLParser):
    """The name/value pairs a browser would submit from a page's forms (without the hidden inline templates)."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data.setdefault(name, []).append(attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.setdefault(self._select, []).append(attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data.removeprefix("\n") if not self.data[self._textarea][0] else data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_data(response) -> dict:
    """The change form as rendered, ready to post back (changes are made on the returned dict)."""
    parser = _FormFields()
    parser.feed(response.content.decode())
    return {name: values if len(values) > 1 else values[0]
            for name, values in parser.data.items() if "__prefix__" not in name and name != "csrfmiddlewaretoken"}


def post_change_form(client, url, **changes):
    data = form_data(client.get(url)) | changes
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return response


def change_url(instance) -> str:
    return reverse(f"admin:registry_{instance._meta.model_name}_change", args=[instance.pk])


def leg_value(project, leg) -> str:
    return LegAssessment.objects.get(project=project, leg=leg).value


def test_adding_a_pretraining_code_repository_in_the_admin_opens_the_code_leg_at_once(
    admin_client, admin_user, django_capture_on_commit_callbacks
):
    project = ProjectFactory(name="Lucie", slug="lucie")
    assert admin_client.get(f"/api/v1/projects/{project.slug}/").status_code == 200  # cached before the edit
    url = change_url(project)
    data = form_data(admin_client.get(url))
    data |= {
        "code_repositories-TOTAL_FORMS": "1",
        "code_repositories-0-url": "https://github.com/OpenLLM-France/Lucie-Training",
        "code_repositories-0-licence": "AGPL-3.0",
        "code_repositories-0-covers": "pre-training",
        "code_repositories-0-source": "moderator",
        "code_repositories-0-seen_at_0": "2025-06-01",
        "code_repositories-0-seen_at_1": "12:00:00",
        "code_repositories-0-project": str(project.pk),
    }

    with django_capture_on_commit_callbacks(execute=True):  # the catalog version moves on commit
        response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["inline_admin_formsets"][1].formset.errors
    repository = CodeRepository.objects.get(project=project)
    assert (repository.covers, set(repository.person_edited) >= {"url", "licence", "covers"}) == ("pre-training", True)
    assert repository.created_by == admin_user
    assert leg_value(project, "code") == "open"
    record = ChangeRecord.objects.get(project=project, field="code_repository")
    assert record.changed_by == admin_user
    assert ChangeRecord.objects.filter(project=project, field="leg:code", changed_by=admin_user).exists()
    api = admin_client.get(f"/api/v1/projects/{project.slug}/").json()
    assert [repo["url"] for repo in api["code_repositories"]] == [repository.url]
    assert "open" in _legs(api["openness"], "code")


def _legs(api: dict, leg: str) -> list:
    """Every value the API response gives for `leg`, wherever it is nested."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == leg and isinstance(value, str):
                    found.append(value)
                elif key == leg and isinstance(value, dict) and "value" in value:
                    found.append(value["value"])
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(api)
    return found


def test_changing_a_licence_class_in_the_admin_recomputes_the_model_leg_of_its_projects(admin_client, admin_user):
    licence = LicenceFactory(identifier="apache-2.0", licence_class=LicenceClass.OSI)
    project = ProjectFactory()
    synced(HubRepoFactory(project=project), license="apache-2.0")
    post_change_form(admin_client, change_url(project))
    assert leg_value(project, "model") == "open"

    post_change_form(admin_client, change_url(licence), licence_class=LicenceClass.NON_COMMERCIAL, unrestricted="")

    assert leg_value(project, "model") == "partial"


def test_changing_a_licence_class_in_the_admin_is_credited_on_every_project_under_it(admin_client, admin_user):
    licence = LicenceFactory(identifier="apache-2.0", licence_class=LicenceClass.OSI)
    under_it, other = ProjectFactory(), ProjectFactory()
    synced(HubRepoFactory(project=under_it), license="apache-2.0")
    synced(HubRepoFactory(project=other), license="mit")

    post_change_form(admin_client, change_url(licence), licence_class=LicenceClass.NON_COMMERCIAL)

    assert Licence.objects.get(pk=licence.pk).licence_class == LicenceClass.NON_COMMERCIAL
    record = ChangeRecord.objects.get(field="licence_class")
    assert (record.project, record.old_value, record.new_value, record.changed_by) == (
        under_it, "osi", "non-commercial", admin_user)
    assert LegAssessment.objects.filter(project=under_it).exists()  # recomputed: its legs are stored


def test_an_admin_edit_of_a_summary_survives_the_next_seed_load(admin_client, admin_user):
    load_catalog()
    project = Project.objects.filter(kind=Project.Kind.MODEL_FAMILY).exclude(summary="").first()

    post_change_form(admin_client, change_url(project), summary="Edited by a moderator.")
    load_catalog()

    project.refresh_from_db()
    assert project.summary == "Edited by a moderator."
    assert "summary" in project.person_edited
    record = ChangeRecord.objects.get(project=project, field="summary")
    assert (record.new_value, record.changed_by) == ("Edited by a moderator.", admin_user)


def test_the_hub_repo_admin_shows_sync_owned_fields_read_only(admin_client):
    repo = synced(HubRepoFactory(), license="apache-2.0", sha="a" * 40, downloads=12)

    response = admin_client.get(change_url(repo))

    editable = set(response.context["adminform"].form.fields)
    assert editable.isdisjoint({"license", "license_name", "gated", "downloads", "sha", "datasets",
                                "base_models", "tags", "card_data", "raw", "sync_status", "last_synced_at"})
    assert {"role", "project", "usage_requests"} <= editable
    assert "a" * 40 in response.content.decode()  # shown, not hidden
    inline = admin_client.get(change_url(repo.project)).context["inline_admin_formsets"][0].formset.form.base_fields
    assert "license" not in inline and "repo_id" in inline
