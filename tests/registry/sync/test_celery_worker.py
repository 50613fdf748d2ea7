"""A real Celery worker (started by the test, on Redis when REDIS_URL is set, else the memory broker)
runs a scheduled sync end to end, including a retry after a 429."""

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from registry.models import SyncRun
from registry.services.hub_sync import retry
from registry.tasks import sync_hub_task
from tests.registry.sync.conftest import LUCIE, LUCIE_README, repo


@pytest.fixture
def worker(monkeypatch):
    """A worker thread consuming a queue of its own, so no stray message from elsewhere reaches it."""
    queue = f"test-sync-{uuid.uuid4().hex}"
    monkeypatch.setattr(retry, "RATE_LIMIT_JITTER_SECONDS", 0.2)
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "task_default_queue", queue)
    with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=30) as started:
        yield started


def wait_for_finished_run(timeout: float = 60) -> SyncRun:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = SyncRun.objects.filter(finished_at__isnull=False).first()
        if run is not None:
            return run
        time.sleep(0.2)
    raise AssertionError(f"no run finished in {timeout} s: {list(SyncRun.objects.values())}")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_scheduled_sync_end_to_end(fake_hub, lucie_card_unparsed, namespace, worker):
    fake_hub.rate_limit(LUCIE_README, reset_seconds=1, times=1)

    sync_hub_task.delay()
    run = wait_for_finished_run()

    assert (run.trigger, run.status, run.pending_tasks, run.repos_failed) == ("schedule", "ok", 0, 0)
    assert (run.repos_changed, run.repos_discovered) == (6, 1)
    assert run.requests_made == len(fake_hub.requests)
    # Lucie's README is the one request of a repo's own: the 429, then the retry after the reset.
    assert fake_hub.count(LUCIE_README) == 2
    assert repo(LUCIE).sync_status == "ok"
