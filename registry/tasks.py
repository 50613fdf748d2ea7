"""Celery tasks: the Hub sync, one step per task, and the Hub check of submissions (at the end). Each loads
rows by id and calls one service.

`sync_hub_task` (on the beat schedule) starts a run and fans out one `sync_namespace_task` per tracked
namespace and one `sync_repo_task` per due repo that no tracked namespace lists; namespace tasks enqueue
`sync_repo_task` for the repos whose listing row changed. `SyncRun.pending_tasks` counts steps not
finished; the step that brings it to 0 finishes the run.

Every task is safe to run twice (acks_late): work already done in the run is skipped, each step is
counted once (a SyncStep row), a per-repo lock keeps two syncs of a repo apart. Tasks retry 429s after
the announced reset and 5xx/timeouts with capped exponential backoff and full jitter (see
hub_sync.retry_delay). A step started more than MAX_DELIVERIES times (retries, and redeliveries after
a lost worker or a hard time limit) is given up and recorded as failed, so nothing loops forever.

Time limits (seconds, soft/hard): dispatch 4/5 min, namespace 9/10 min, repo 6/7 min. With retry
countdowns of at most 4 min (hub_sync.retry.MAX_DELAY_SECONDS) no message is held unacked longer than
14 min, below the broker's visibility timeout (15 min, config/settings.py): see README, "Hub sync".
"""

from collections.abc import Callable
from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import timezone

from registry.hub import HubClient, HubError
from registry.models import SyncRun
from registry.services.hub_sync import (
    RETRYABLE,
    build_hub_client,
    call_with_retries,
    outcome_counts,
    retry_delay,
    sync_hub_namespace,
    sync_hub_repo,
)
from registry.services.hub_sync.failures import is_run_fatal, record_namespace_failure, record_repo_failure
from registry.services.hub_sync.planning import due_repo_pks, namespaces_to_sync
from registry.services.hub_sync.retry import MAX_ATTEMPTS
from registry.services.hub_sync.runs import (
    abandon_stale_runs,
    add_pending_tasks,
    claim_step,
    close_sync_run,
    complete_task,
    count_sync_outcomes,
    deliver_step,
    has_running_run,
    start_sync_run,
)
from registry.services.submission_checks import check_submission_hub, submissions_due_for_check

DISPATCH_STEP = "dispatch"
STEP_OPTIONS = {"acks_late": True, "reject_on_worker_lost": True, "max_retries": MAX_ATTEMPTS - 1}
# Every attempt Celery retries, plus two redeliveries of a worker lost or killed at its time limit.
MAX_DELIVERIES = MAX_ATTEMPTS + 2
# A run with no step claimed or done for this long is lost: longer than any step's hard time limit.
STALE_AFTER = timedelta(minutes=30)


@shared_task(acks_late=True, soft_time_limit=4 * 60, time_limit=5 * 60)
def sync_hub_task(trigger: str = SyncRun.Trigger.SCHEDULE) -> int | None:
    """Start a sync run and enqueue its steps; returns the run id.

    A scheduled run is skipped while another is still running and making progress. A run with no
    progress for half an interval (at most STALE_AFTER) is closed as failed first, so a lost run
    never blocks the schedule for more than one interval. If dispatching fails (broker gone), the new
    run is closed as failed with the error before the error propagates.
    """
    abandon_stale_runs(idle_for=min(timedelta(minutes=settings.HUB_SYNC_INTERVAL_MINUTES) / 2, STALE_AFTER))
    if trigger == SyncRun.Trigger.SCHEDULE and has_running_run():
        return None
    namespaces = list(namespaces_to_sync().values_list("pk", "name"))
    run = start_sync_run(trigger=trigger, namespaces=[name for _, name in namespaces], pending_tasks=1)
    try:
        _dispatch(run.pk, [pk for pk, _ in namespaces], due_repo_pks())
    except BaseException as error:
        close_sync_run(run_id=run.pk, error=error)
        raise
    return run.pk


@shared_task(bind=True, soft_time_limit=9 * 60, time_limit=10 * 60, **STEP_OPTIONS)
def sync_namespace_task(self, run_id: int, namespace_id: int) -> None:
    """List one namespace for the run `run_id`; enqueue detailed syncs of the repos that changed."""

    def sync(run: SyncRun, client: HubClient) -> dict[str, int]:
        tally = sync_hub_namespace(
            run=run, namespace_pk=namespace_id, client=client,
            schedule_detail=lambda repo_pk, listed=None: enqueue_repo_sync(run_id=run.pk, repo_pk=repo_pk,
                                                                           listed=listed))
        return {} if tally is None else {"changed": tally.changed, "unchanged": tally.unchanged,
                                         "discovered": tally.discovered}

    def fail(error: BaseException) -> None:
        record_namespace_failure(run_id=run_id, namespace_pk=namespace_id, error=error)

    _run_step(self, run_id=run_id, step=f"namespace:{namespace_id}", sync=sync, fail=fail)


@shared_task(bind=True, soft_time_limit=6 * 60, time_limit=7 * 60, **STEP_OPTIONS)
def sync_repo_task(self, run_id: int, repo_pk: int, listed: dict | None = None) -> None:
    """Sync one repo in detail for the run `run_id` (metadata, README, declared datasets); `listed` is the
    listing row that showed it, which spares the metadata request."""

    def sync(run: SyncRun, client: HubClient) -> dict[str, int]:
        outcome = sync_hub_repo(run=run, repo_pk=repo_pk, client=client, listed=listed,
                                schedule_detail=lambda pk: enqueue_repo_sync(run_id=run.pk, repo_pk=pk))
        return outcome_counts(outcome)

    def fail(error: BaseException) -> None:
        record_repo_failure(run_id=run_id, repo_pk=repo_pk, error=error)

    _run_step(self, run_id=run_id, step=f"repo:{repo_pk}", sync=sync, fail=fail)


def enqueue_repo_sync(*, run_id: int, repo_pk: int, listed: dict | None = None) -> None:
    """Enqueue a detailed sync of `repo_pk` in the run, once per run, after the current transaction commits;
    `listed` is the listing row that showed the repo, if any."""
    if claim_step(run_id=run_id, key=f"repo:{repo_pk}"):
        add_pending_tasks(run_id=run_id)
        sync_repo_task.delay_on_commit(run_id, repo_pk, listed)


def enqueue_manual_sync(*, repo_pks: list[int]) -> SyncRun:
    """Start a moderator's run that syncs these repos now (their tasks are sent on commit)."""
    run = start_sync_run(trigger=SyncRun.Trigger.MANUAL, pending_tasks=1)
    _dispatch(run.pk, [], repo_pks)
    return run


class GivenUp(Exception):
    """A step was delivered more than MAX_DELIVERIES times: its worker kept dying or timing out."""


def _dispatch(run_id: int, namespace_pks: list[int], repo_pks: list[int]) -> None:
    claim_step(run_id=run_id, key=DISPATCH_STEP)
    for namespace_pk in namespace_pks:
        if claim_step(run_id=run_id, key=f"namespace:{namespace_pk}"):
            add_pending_tasks(run_id=run_id)
            sync_namespace_task.delay_on_commit(run_id, namespace_pk)
    for repo_pk in repo_pks:
        enqueue_repo_sync(run_id=run_id, repo_pk=repo_pk)
    complete_task(run_id=run_id, key=DISPATCH_STEP)


def _run_step(task, *, run_id: int, step: str, sync: Callable, fail: Callable[[BaseException], None]) -> None:
    """Run `sync(run, client)` as a step of the run: count it, retry it, or `fail` it once, then complete it."""
    run = SyncRun.objects.filter(pk=run_id).first()
    if run is None:
        return
    deliveries = deliver_step(run_id=run_id, key=step)
    if deliveries > MAX_DELIVERIES:
        fail(GivenUp(f"Given up after being delivered {deliveries} times (worker lost or time limit)"))
        complete_task(run_id=run_id, key=step)
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
        counts = _failed(fail, error)
    except (HubError, SoftTimeLimitExceeded) as error:
        counts = _failed(fail, error)
    except Exception as error:
        if is_run_fatal(error):
            raise  # database or broker gone: the step comes back, or the run is abandoned as stale
        counts = _failed(fail, error)  # a malformed answer or unwritable data: this step's failure only
    count_sync_outcomes(run_id=run_id, requests=client.requests_made, **counts)
    complete_task(run_id=run_id, key=step)


def _failed(fail: Callable[[BaseException], None], error: BaseException) -> dict[str, int]:
    fail(error)
    return {}


# --- Submissions ------------------------------------------------------------------------------------------

# A failed Hub check is retried this many times by Celery, then by retry_submission_checks_task.
SUBMISSION_CHECK_RETRIES = 4



@shared_task(bind=True, acks_late=True, max_retries=SUBMISSION_CHECK_RETRIES, soft_time_limit=4 * 60, time_limit=5 * 60)
def check_submission_hub_task(self, submission_id: int) -> None:
    """Check a submission's Hub repos (registry.services.submission_checks); safe to run twice.

    A Hub failure is recorded on the submission, which stays pending; a 429, 5xx or timeout is retried with
    backoff. In-process (eager) mode records the failure without waiting in the request: the periodic
    `retry_submission_checks_task` (or `manage.py check_submissions`) tries again.
    """
    try:
        check_submission_hub(submission_id=submission_id, client=build_hub_client())
    except RETRYABLE as error:
        if not self.request.is_eager and self.request.retries < self.max_retries:
            raise self.retry(countdown=retry_delay(error, attempt=self.request.retries)) from error
    except HubError:
        pass  # recorded on the submission; another attempt would get the same answer


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def retry_submission_checks_task() -> int:
    """Enqueue the Hub check again for submissions whose last check failed, or that never started, over two
    thirds of SUBMISSION_RECHECK_MINUTES ago (the task's period under beat)."""
    recheck_after = timedelta(minutes=settings.SUBMISSION_RECHECK_MINUTES) * 2 / 3
    due = list(submissions_due_for_check(failed_before=timezone.now() - recheck_after))
    for submission_id in due:
        check_submission_hub_task.delay(submission_id)
    return len(due)
