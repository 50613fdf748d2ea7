"""SyncRun bookkeeping: start a run, count what its steps did, and finish it when the last step ends.

Steps may run in many workers at once, so counters move with F() increments, and `pending_tasks`
counts steps not finished yet: whoever brings it to 0 finishes the run. Each step is a SyncStep row
(unique per run and key), so this bookkeeping survives a Redis restart.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from registry.models import SyncRun, SyncStep
from registry.services.hub_sync.values import error_text

logger = logging.getLogger(__name__)
MAX_ERRORS_KEPT = 50


def start_sync_run(*, trigger: str, namespaces: list[str] = (), note: str = "", pending_tasks: int = 0) -> SyncRun:
    """Create a running SyncRun. Not idempotent: each call is a new run."""
    return SyncRun.objects.create(
        trigger=trigger, started_at=timezone.now(), namespaces=list(namespaces), note=note,
        pending_tasks=pending_tasks,
    )


def count_sync_outcomes(
    *, run_id: int, changed: int = 0, unchanged: int = 0, failed: int = 0, discovered: int = 0, requests: int = 0
) -> None:
    """Add to the run's counters (atomic increments; safe from concurrent workers)."""
    increments = {"repos_changed": changed, "repos_unchanged": unchanged, "repos_failed": failed,
                  "repos_discovered": discovered, "requests_made": requests}
    updates = {name: F(name) + amount for name, amount in increments.items() if amount}
    if updates:
        SyncRun.objects.filter(pk=run_id).update(**updates)


def record_sync_error(*, run_id: int, subject: str, error: BaseException | str) -> None:
    """Append `subject: error` to the run's error list (the first MAX_ERRORS_KEPT are kept)."""
    with transaction.atomic():
        run = SyncRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or len(run.errors) >= MAX_ERRORS_KEPT:
            return
        entry = {"subject": subject, "error": error_text(error, limit=500), "at": timezone.now().isoformat()}
        run.errors = [*run.errors, entry]
        run.save(update_fields=["errors"])


def add_pending_tasks(*, run_id: int, count: int = 1) -> None:
    """Announce `count` more steps before they are enqueued, so the run cannot finish under them."""
    SyncRun.objects.filter(pk=run_id).update(pending_tasks=F("pending_tasks") + count)


def claim_step(*, run_id: int, key: str) -> bool:
    """Create the step `key` of the run; True the first time, False ever after (idempotent)."""
    _, created = SyncStep.objects.get_or_create(run_id=run_id, key=key)
    return created


def deliver_step(*, run_id: int, key: str) -> int:
    """Count one more start of the step `key` (a delivery, retry or redelivery); return how many so far."""
    claim_step(run_id=run_id, key=key)
    SyncStep.objects.filter(run_id=run_id, key=key).update(deliveries=F("deliveries") + 1)
    return SyncStep.objects.filter(run_id=run_id, key=key).values_list("deliveries", flat=True).get()


def complete_task(*, run_id: int, key: str) -> None:
    """Mark the step `key` of the run done (once, however often called) and finish the run after the last."""
    claim_step(run_id=run_id, key=key)
    if not SyncStep.objects.filter(run_id=run_id, key=key, done_at__isnull=True).update(done_at=timezone.now()):
        return
    SyncRun.objects.filter(pk=run_id).update(pending_tasks=F("pending_tasks") - 1)
    if SyncRun.objects.filter(pk=run_id, pending_tasks__lte=0).exists():
        finish_sync_run(run_id=run_id)


def close_sync_run(*, run_id: int, error: BaseException) -> None:
    """End a run that `error` interrupted: record the error and mark it failed. Never raises.

    If the database itself is gone, the run stays "running" until `abandon_stale_runs` closes it.
    """
    try:
        record_sync_error(run_id=run_id, subject="run", error=error)
        SyncRun.objects.filter(pk=run_id, status=SyncRun.Status.RUNNING).update(
            status=SyncRun.Status.FAILED, finished_at=timezone.now())
    except Exception:
        logger.exception("Could not close sync run %s after %r", run_id, error)


def finish_sync_run(*, run_id: int) -> SyncRun | None:
    """Set finished_at and the final status (ok, partial, failed), once; returns the run."""
    SyncRun.objects.filter(pk=run_id, finished_at__isnull=True).update(finished_at=timezone.now())
    run = SyncRun.objects.filter(pk=run_id).first()
    if run is not None and run.status == SyncRun.Status.RUNNING:
        run.status = _final_status(run)
        SyncRun.objects.filter(pk=run_id, status=SyncRun.Status.RUNNING).update(status=run.status)
    return run


def abandon_stale_runs(*, idle_for: timedelta) -> int:
    """Close as failed the runs still "running" with no step claimed or done for `idle_for` (a lost
    task, a killed process); returns how many."""
    cutoff = timezone.now() - idle_for
    recent = Q(steps__created_at__gte=cutoff) | Q(steps__done_at__gte=cutoff)
    stale = SyncRun.objects.filter(status=SyncRun.Status.RUNNING, started_at__lt=cutoff).exclude(recent)
    return SyncRun.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).update(
        status=SyncRun.Status.FAILED, finished_at=timezone.now(), note="Abandoned: made no progress in time"
    )


def has_running_run() -> bool:
    """Whether a sync run (not the snapshot) is in progress."""
    return SyncRun.objects.filter(status=SyncRun.Status.RUNNING).exclude(trigger=SyncRun.Trigger.SNAPSHOT).exists()


def _final_status(run: SyncRun) -> str:
    if not run.errors and not run.repos_failed:
        return SyncRun.Status.OK
    if run.repos_changed + run.repos_unchanged + run.repos_discovered == 0:
        return SyncRun.Status.FAILED
    return SyncRun.Status.PARTIAL
