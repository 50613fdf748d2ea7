"""GET /api/v1/changes/ and /api/v1/sync-runs/: what changed, when, and which sync did it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model

from registry.models import ChangeRecord, Project, SyncRun
from tests.api.conftest import results
from tests.factories import ChangeRecordFactory, HubRepoFactory, ProjectFactory, SyncRunFactory

pytestmark = pytest.mark.django_db


def change_ids(client, **params):
    return [row["id"] for row in results(client.get("/api/v1/changes/", params))]


def backdate(change, days):
    ChangeRecord.objects.filter(pk=change.pk).update(
        created_at=datetime(2025, 6, 1, tzinfo=UTC) - timedelta(days=days))


def test_a_change_shows_what_changed_how_and_by_whom(client):
    run = SyncRunFactory()
    repo = HubRepoFactory(repo_id="a/model", project=ProjectFactory(slug="p"))
    ChangeRecordFactory(project=None, hub_repo=repo, field="license", old_value="other",
                        new_value="apache-2.0", reason="Card changed.", sync_run=run)
    moderator = get_user_model().objects.create_user("moderator")
    ChangeRecordFactory(project=repo.project, field="leg:model", changed_by=moderator)
    by_repo, by_moderator = reversed(results(client.get("/api/v1/changes/")))
    assert by_repo | {"id": None, "created_at": None} == {
        "id": None, "project": None, "hub_repo": {"repo_type": "model", "repo_id": "a/model", "role": "own", "data_origin": ""},
        "field": "license", "old_value": "other", "new_value": "apache-2.0",
        "reason": "Card changed.", "cause": "", "sync_run": run.pk, "by_moderator": False, "created_at": None}
    assert (by_moderator["project"], by_moderator["hub_repo"], by_moderator["by_moderator"]) == (
        "p", None, True)


def test_changes_are_newest_first_and_can_be_reversed(client):
    old, new = ChangeRecordFactory(), ChangeRecordFactory()
    backdate(old, days=2)
    backdate(new, days=1)
    assert change_ids(client) == [new.pk, old.pk]
    assert change_ids(client, ordering="created_at") == [old.pk, new.pk]


def test_changes_at_the_same_moment_are_newest_id_first(client):
    first, second = ChangeRecordFactory(), ChangeRecordFactory()
    backdate(first, days=1)
    backdate(second, days=1)
    assert change_ids(client) == [second.pk, first.pk]


def test_changes_filter_by_project_including_its_repos(client):
    lucie = ProjectFactory(slug="lucie")
    own = ChangeRecordFactory(project=lucie)
    of_repo = ChangeRecordFactory(project=None, hub_repo=HubRepoFactory(project=lucie))
    ChangeRecordFactory()
    assert sorted(change_ids(client, project="lucie")) == sorted([own.pk, of_repo.pk])


def test_changes_filter_by_field_and_dates(client):
    license_change = ChangeRecordFactory(field="license")
    leg_change = ChangeRecordFactory(field="leg:model")
    backdate(license_change, days=10)
    backdate(leg_change, days=1)
    assert change_ids(client, field="license") == [license_change.pk]
    assert change_ids(client, since="2025-05-25T00:00:00Z") == [leg_change.pk]
    assert change_ids(client, until="2025-05-25T00:00:00Z") == [license_change.pk]


def test_changes_of_hidden_projects_are_not_shown(client):
    hidden = ProjectFactory(status=Project.Status.HIDDEN)
    ChangeRecordFactory(project=hidden)
    ChangeRecordFactory(project=None, hub_repo=HubRepoFactory(project=hidden))
    assert change_ids(client) == []


def test_a_sync_run_shows_what_it_looked_at_cost_and_changed(client):
    SyncRunFactory(trigger="command", status="partial", namespaces=["OpenLLM-France"],
                   requests_made=12, repos_changed=2, repos_unchanged=8, repos_failed=1,
                   errors=[{"repo": "a/b", "error": "500"}], note="nightly")
    (run,) = results(client.get("/api/v1/sync-runs/"))
    assert {key: run[key] for key in ("trigger", "status", "namespaces", "requests_made",
                                      "repos_changed", "repos_failed", "errors", "note")} == {
        "trigger": "command", "status": "partial", "namespaces": ["OpenLLM-France"],
        "requests_made": 12, "repos_changed": 2, "repos_failed": 1,
        "errors": [{"repo": "a/b", "error": "500"}], "note": "nightly"}
    assert run["finished_at"] is None


def test_sync_runs_are_newest_first_and_filter_by_status_and_trigger(client):
    old = SyncRunFactory(started_at=datetime(2025, 1, 1, tzinfo=UTC), status=SyncRun.Status.FAILED)
    new = SyncRunFactory(started_at=datetime(2025, 2, 1, tzinfo=UTC), trigger="manual")
    ids = [row["id"] for row in results(client.get("/api/v1/sync-runs/"))]
    assert ids == [new.pk, old.pk]
    assert [row["id"] for row in results(client.get("/api/v1/sync-runs/", {"status": "failed"}))] == [old.pk]
    assert [row["id"] for row in results(client.get("/api/v1/sync-runs/", {"trigger": "manual"}))] == [new.pk]
    assert client.get("/api/v1/sync-runs/", {"status": "fine"}).json()["parameter"] == "status"
