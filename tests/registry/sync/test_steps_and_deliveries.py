"""Step bookkeeping lives in the database and redelivery is bounded (issue 9, defect 3)."""

import pytest
from django.conf import settings
from django.core.cache import cache

from config.celery import app
from registry.models import SyncStep
from registry.services.hub_sync.retry import MAX_DELAY_SECONDS
from registry.tasks import MAX_DELIVERIES, enqueue_manual_sync, sync_namespace_task, sync_repo_task
from tests.factories import SyncRunFactory
from tests.registry.sync.conftest import CLAIRE, repo

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("eager_celery")]


def test_a_step_redelivered_after_a_redis_restart_is_still_counted_once(fake_hub, namespace):
    run = SyncRunFactory(status="running", pending_tasks=2)
    claire = repo(CLAIRE)

    sync_repo_task.delay(run.pk, claire.pk)
    cache.clear()  # Redis restarted: every cache key is gone
    sync_repo_task.delay(run.pk, claire.pk)

    run.refresh_from_db()
    assert (run.repos_changed, run.pending_tasks, run.status) == (1, 1, "running")
    step = SyncStep.objects.get(run=run, key=f"repo:{claire.pk}")
    assert step.done_at is not None and step.deliveries == 2


def test_a_manual_run_keeps_its_steps_in_the_database(fake_hub, namespace):
    run = enqueue_manual_sync(repo_pks=[repo(CLAIRE).pk])

    assert set(SyncStep.objects.filter(run=run).values_list("key", flat=True)) == {"dispatch", f"repo:{repo(CLAIRE).pk}"}
    assert not SyncStep.objects.filter(run=run, done_at__isnull=True).exists()


def test_a_step_delivered_too_often_gives_up_records_the_failure_and_ends(fake_hub, namespace):
    run = SyncRunFactory(status="running", pending_tasks=1)
    claire = repo(CLAIRE)
    SyncStep.objects.create(run=run, key=f"repo:{claire.pk}", deliveries=MAX_DELIVERIES)

    sync_repo_task.delay(run.pk, claire.pk)

    run.refresh_from_db()
    claire.refresh_from_db()
    assert fake_hub.count(f"/api/models/{CLAIRE}") == 0
    assert (run.status, run.repos_failed, run.pending_tasks) == ("failed", 1, 0)
    assert "delivered" in run.errors[0]["error"] and claire.error_count == 1 and claire.sync_status == "error"


def test_a_namespace_step_delivered_too_often_gives_up_too(fake_hub, namespace):
    run = SyncRunFactory(status="running", pending_tasks=1)
    SyncStep.objects.create(run=run, key=f"namespace:{namespace.pk}", deliveries=MAX_DELIVERIES)

    sync_namespace_task.delay(run.pk, namespace.pk)

    run.refresh_from_db()
    namespace.refresh_from_db()
    assert (run.status, run.pending_tasks, fake_hub.count("/api/models")) == ("failed", 0, 0)
    assert "delivered" in namespace.last_error


def test_the_broker_redelivers_a_lost_task_after_the_longest_task_could_have_finished():
    """The documented bound (README, Hub sync): a SIGKILLed worker's task is back within the visibility timeout."""
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    longest = max(app.tasks[name].time_limit or 0 for name in (
        "registry.tasks.sync_hub_task", "registry.tasks.sync_namespace_task", "registry.tasks.sync_repo_task"))
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost and app.conf.worker_prefetch_multiplier == 1
    assert longest + MAX_DELAY_SECONDS < visibility <= 20 * 60
    assert settings.CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS["visibility_timeout"] == visibility
