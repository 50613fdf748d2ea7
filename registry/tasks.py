"""Celery tasks: the Hub sync, one step per task. Each loads rows by id and calls one service.

`sync_hub_task` (on the beat schedule) starts a run and fans out one `sync_namespace_task` per tracked
namespace and one `sync_repo_task` per due repo that no tracked namespace lists; namespace tasks enqueue
`sync_repo_task` for the repos whose listing row changed. `SyncRun.pending_tasks` counts steps not
finished; the step that brings it to 0 finishes the run.

Every task is safe to run twice (acks_late): work already done in the run is skipped, each step is
counted once, a per-repo lock keeps two syncs of a repo apart. Tasks retry 429s after the announced
reset and 5xx/timeouts with capped exponential backoff and full jitter (see hub_sync.retry_delay).
"""

from collections.abc import Callable
from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from registry.hub import HubClient, HubError
from registry.models import HubNamespace, HubRepo, SyncRun
from registry.services.hub_sync import (
    RETRYABLE,
    build_hub_client,
    call_with_retries,
    outcome_counts,
    retry_delay,
    sync_hub_namespace,
    sync_hub_repo,
)
from registry.services.hub_sync.locks import claim_once
from registry.services.hub_sync.planning import due_repo_pks, namespaces_to_sync
from registry.services.hub_sync.retry import MAX_ATTEMPTS
from registry.services.hub_sync.runs import (
    abandon_stale_runs,
    add_pending_tasks,
    complete_task,
    count_sync_outcomes,
    has_running_run,
    record_sync_error,
    start_sync_run,
)

DISPATCH_STEP = "dispatch"
STEP_OPTIONS = {"acks_late": True, "max_retries": MAX_ATTEMPTS - 1}


@shared_task(acks_late=True, soft_time_limit=5 * 60, time_limit=6 * 60)
def sync_hub_task(trigger: str = SyncRun.Trigger.SCHEDULE) -> int | None:
    """Start a sync run and enqueue its steps; returns the run id.

    A scheduled run is skipped while another is still running (a redelivered or overlapping schedule).
    Runs left "running" for two intervals (a lost task) are closed as failed first.
    """
    abandon_stale_runs(older_than=max(timedelta(minutes=2 * settings.HUB_SYNC_INTERVAL_MINUTES), timedelta(hours=1)))
    if trigger == SyncRun.Trigger.SCHEDULE and has_running_run():
        return None
    namespaces = list(namespaces_to_sync().values_list("pk", "name"))
    run = start_sync_run(trigger=trigger, namespaces=[name for _, name in namespaces], pending_tasks=1)
    for namespace_pk, _ in namespaces:
        add_pending_tasks(run_id=run.pk)
        sync_namespace_task.delay_on_commit(run.pk, namespace_pk)
    for repo_pk in due_repo_pks():
        enqueue_repo_sync(run_id=run.pk, repo_pk=repo_pk)
    complete_task(run_id=run.pk, key=DISPATCH_STEP)
    return run.pk


@shared_task(bind=True, soft_time_limit=14 * 60, time_limit=15 * 60, **STEP_OPTIONS)
def sync_namespace_task(self, run_id: int, namespace_id: int) -> None:
    """List one namespace for the run `run_id`; enqueue detailed syncs of the repos that changed."""
    name = HubNamespace.objects.filter(pk=namespace_id).values_list("name", flat=True).first()

    def sync(run: SyncRun, client: HubClient) -> dict[str, int]:
        tally = sync_hub_namespace(run=run, namespace_pk=namespace_id, client=client,
                                   schedule_detail=lambda repo_pk: enqueue_repo_sync(run_id=run.pk, repo_pk=repo_pk))
        return {} if tally is None else {"changed": tally.changed, "unchanged": tally.unchanged,
                                         "discovered": tally.discovered}

    _run_step(self, run_id=run_id, step=f"namespace:{namespace_id}", subject=f"namespace {name}", sync=sync)


@shared_task(bind=True, soft_time_limit=9 * 60, time_limit=10 * 60, **STEP_OPTIONS)
def sync_repo_task(self, run_id: int, repo_pk: int) -> None:
    """Sync one repo in detail for the run `run_id` (metadata, README, declared datasets)."""
    repo_id = HubRepo.objects.filter(pk=repo_pk).values_list("repo_id", flat=True).first()

    def sync(run: SyncRun, client: HubClient) -> dict[str, int]:
        outcome = sync_hub_repo(run=run, repo_pk=repo_pk, client=client,
                                schedule_detail=lambda pk: enqueue_repo_sync(run_id=run.pk, repo_pk=pk))
        return outcome_counts(outcome)

    _run_step(self, run_id=run_id, step=f"repo:{repo_pk}", subject=f"repo {repo_id}", sync=sync, failed=1)


def enqueue_repo_sync(*, run_id: int, repo_pk: int) -> None:
    """Enqueue a detailed sync of `repo_pk` in the run, once per run, after the current transaction commits."""
    if claim_once(f"run:{run_id}:repo:{repo_pk}"):
        add_pending_tasks(run_id=run_id)
        sync_repo_task.delay_on_commit(run_id, repo_pk)


def enqueue_manual_sync(*, repo_pks: list[int]) -> SyncRun:
    """Start a moderator's run that syncs these repos now (their tasks are sent on commit)."""
    run = start_sync_run(trigger=SyncRun.Trigger.MANUAL, pending_tasks=1)
    for repo_pk in repo_pks:
        enqueue_repo_sync(run_id=run.pk, repo_pk=repo_pk)
    complete_task(run_id=run.pk, key=DISPATCH_STEP)
    return run


def _run_step(task, *, run_id: int, step: str, subject: str, sync: Callable, failed: int = 0) -> None:
    """Run `sync(run, client)` as a step of the run: count it, retry it, or record its failure, then complete it."""
    run = SyncRun.objects.filter(pk=run_id).first()
    if run is None:
        return
    client = build_hub_client()
    # Eager mode (no broker) runs inside the caller, maybe a web request: retry in-process, as the command does.
    eager = bool(task.request.is_eager)
    try:
        counts = call_with_retries(lambda: sync(run, client)) if eager else sync(run, client)
    except RETRYABLE as error:
        if not eager and task.request.retries < task.max_retries:
            count_sync_outcomes(run_id=run_id, requests=client.requests_made)
            raise task.retry(countdown=retry_delay(error, attempt=task.request.retries)) from error
        counts = _failure(run_id, subject, error, failed)
    except (HubError, SoftTimeLimitExceeded) as error:
        counts = _failure(run_id, subject, error, failed)
    except Exception as error:  # a bug or a database failure: the run must still end
        _end_step(run_id, step, client, _failure(run_id, subject, error, failed))
        raise
    _end_step(run_id, step, client, counts)


def _end_step(run_id: int, step: str, client: HubClient, counts: dict[str, int]) -> None:
    count_sync_outcomes(run_id=run_id, requests=client.requests_made, **counts)
    complete_task(run_id=run_id, key=step)


def _failure(run_id: int, subject: str, error: Exception, failed: int) -> dict[str, int]:
    record_sync_error(run_id=run_id, subject=subject, error=error)
    return {"failed": failed}
