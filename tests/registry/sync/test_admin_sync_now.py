"""Moderators can sync chosen repos now from the admin; the runs are visible there read-only."""

import pytest
from django.urls import reverse

from registry.models import SyncRun
from tests.factories import UserFactory
from tests.registry.sync.conftest import CLAIRE, LUCIE_INSTRUCT, repo

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("eager_celery")]


def test_the_sync_now_action_starts_a_moderator_run_for_the_selected_repos(client, fake_hub, namespace):
    client.force_login(UserFactory())
    selected = [repo(CLAIRE).pk, repo(LUCIE_INSTRUCT).pk]

    response = client.post(reverse("admin:registry_hubrepo_changelist"),
                           {"action": "sync_now", "_selected_action": selected}, follow=True)

    run = SyncRun.objects.get()
    assert f"Sync run {run.pk} started for 2 repositories" in response.content.decode()
    assert (run.trigger, run.status, run.repos_changed) == ("manual", "ok", 2)
    assert repo(CLAIRE).sync_status == "ok"


def test_sync_runs_are_listed_read_only_in_the_admin(client, namespace):
    client.force_login(UserFactory())
    SyncRun.objects.create(trigger="schedule", started_at="2026-01-01T00:00:00Z")

    assert client.get(reverse("admin:registry_syncrun_changelist")).status_code == 200
    assert client.get(reverse("admin:registry_syncrun_add")).status_code == 403
