"""The Celery tasks, run in-process (eager): fan-out, idempotency, retries, and the run's end (issue point 3)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from registry.models import HubRepo, SyncRun
from registry.tasks import enqueue_manual_sync, sync_hub_task, sync_namespace_task, sync_repo_task
from tests.factories import HubRepoFactory, SyncRunFactory
from tests.registry.sync.conftest import CLAIRE, LUCIE, repo

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("eager_celery")]


def test_the_scheduled_task_fans_out_and_the_last_step_finishes_the_run(fake_hub, namespace):
    outside = HubRepoFactory(repo_id="utter-project/EuroLLM-9B")  # no tracked namespace lists it

    run_id = sync_hub_task.delay().get()

    run = SyncRun.objects.get(pk=run_id)
    assert (run.trigger, run.status, run.pending_tasks) == ("schedule", "ok", 0)
    assert run.finished_at is not None and run.namespaces == ["OpenLLM-France"]
    assert run.requests_made == len(fake_hub.requests)
    assert (run.repos_changed, run.repos_discovered) == (7, 1)
    outside.refresh_from_db()
    assert repo(LUCIE).sync_status == outside.sync_status == "ok"


def test_a_scheduled_run_is_skipped_while_another_is_still_running(namespace):
    SyncRunFactory(status="running")

    assert sync_hub_task.delay().get() is None
    assert SyncRun.objects.count() == 1


def test_a_run_lost_for_two_intervals_is_closed_as_failed_before_the_next_one(namespace):
    lost = SyncRunFactory(status="running", started_at=timezone.now() - timedelta(days=2))

    assert sync_hub_task.delay().get() is not None
    lost.refresh_from_db()
    assert (lost.status, lost.note) == ("failed", "Abandoned: made no progress in time")


def test_a_step_run_twice_is_counted_once_and_makes_no_second_request(fake_hub, namespace):
    run = SyncRunFactory(status="running", pending_tasks=2)
    claire = repo(CLAIRE)

    sync_repo_task.delay(run.pk, claire.pk)
    sync_repo_task.delay(run.pk, claire.pk)

    run.refresh_from_db()
    assert fake_hub.count(f"/api/models/{CLAIRE}") == 1
    assert (run.repos_changed, run.repos_unchanged, run.pending_tasks, run.status) == (1, 0, 1, "running")


def test_a_namespace_step_run_twice_lists_twice_but_details_once(fake_hub, namespace):
    run = SyncRunFactory(status="running", pending_tasks=1)

    sync_namespace_task.delay(run.pk, namespace.pk)
    sync_namespace_task.delay(run.pk, namespace.pk)

    run.refresh_from_db()
    # Two listings each time; the repos are written from the listing rows, the declared dataset read once.
    assert fake_hub.count("/api/models/") == 0 and fake_hub.count("/api/models") == 2
    assert fake_hub.count("/api/datasets/") == 1
    assert (run.repos_changed, run.repos_discovered, run.status) == (6, 1, "ok")


def test_an_eager_repo_task_retries_a_429_in_process_and_succeeds(fake_hub, namespace, sleeps):
    fake_hub.rate_limit(f"/api/models/{CLAIRE}", reset_seconds=1, times=1)

    run = enqueue_manual_sync(repo_pks=[repo(CLAIRE).pk])

    run.refresh_from_db()
    assert (run.status, run.repos_changed, run.repos_failed) == ("ok", 1, 0)
    assert fake_hub.count(f"/api/models/{CLAIRE}") == 2


def test_a_repo_task_that_keeps_failing_records_the_failure_and_still_ends_the_run(fake_hub, namespace, sleeps):
    fake_hub.fail(f"/api/models/{CLAIRE}", status=502, times=None)

    run = enqueue_manual_sync(repo_pks=[repo(CLAIRE).pk])

    run.refresh_from_db()
    assert (run.status, run.repos_failed, run.pending_tasks) == ("failed", 1, 0)
    assert repo(CLAIRE).error_count == 1  # one failed sync, however many attempts


def test_tasks_return_quietly_when_their_rows_are_gone(namespace):
    run = SyncRunFactory(status="running", pending_tasks=1)
    lucie = repo(LUCIE)
    HubRepo.objects.filter(pk=lucie.pk).delete()

    sync_repo_task.delay(run.pk, lucie.pk)
    sync_repo_task.delay(run.pk + 1000, lucie.pk)

    run.refresh_from_db()
    assert (run.status, run.pending_tasks) == ("ok", 0)

