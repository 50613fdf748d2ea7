"""SyncRun bookkeeping: start a run, count what its steps did, and finish it when the last step ends.

Steps may run in many workers at once, so counters move with F() increments, and `pending_tasks`
counts steps not finished yet: whoever brings it to 0 finishes the run.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from registry.models import SyncRun

MAX_ERRORS_KEPT = 50
DONE_MARK_SECONDS = 2 * 24 * 3600


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


def record_sync_error(*, run_id: int, subject: str, error: Exception | str) -> None:
    """Append `subject: error` to the run's error list (the first MAX_ERRORS_KEPT are kept)."""
    with transaction.atomic():
        run = SyncRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or len(run.errors) >= MAX_ERRORS_KEPT:
            return
        message = f"{type(error).__name__}: {error}" if isinstance(error, Exception) else error
        run.errors = [*run.errors, {"subject": subject, "error": message[:500], "at": timezone.now().isoformat()}]
        run.save(update_fields=["errors"])


def add_pending_tasks(*, run_id: int, count: int = 1) -> None:
    """Announce `count` more steps before they are enqueued, so the run cannot finish under them."""
    SyncRun.objects.filter(pk=run_id).update(pending_tasks=F("pending_tasks") + count)


def complete_task(*, run_id: int, key: str) -> None:
    """Mark the step `key` of the run done (once, however often called) and finish the run after the last."""
    if not cache.add(f"hub-sync:run:{run_id}:done:{key}", True, DONE_MARK_SECONDS):
        return
    SyncRun.objects.filter(pk=run_id).update(pending_tasks=F("pending_tasks") - 1)
    if SyncRun.objects.filter(pk=run_id, pending_tasks__lte=0).exists():
        finish_sync_run(run_id=run_id)


def finish_sync_run(*, run_id: int) -> SyncRun | None:
    """Set finished_at and the final status (ok, partial, failed), once; returns the run."""
    SyncRun.objects.filter(pk=run_id, finished_at__isnull=True).update(finished_at=timezone.now())
    run = SyncRun.objects.filter(pk=run_id).first()
    if run is not None and run.status == SyncRun.Status.RUNNING:
        run.status = _final_status(run)
        SyncRun.objects.filter(pk=run_id, status=SyncRun.Status.RUNNING).update(status=run.status)
    return run


def abandon_stale_runs(*, older_than: timedelta) -> int:
    """Close runs still "running" after `older_than` (a lost task) as failed; returns how many."""
    cutoff = timezone.now() - older_than
    return SyncRun.objects.filter(status=SyncRun.Status.RUNNING, started_at__lt=cutoff).update(
        status=SyncRun.Status.FAILED, finished_at=timezone.now(), note="Abandoned: did not finish in time"
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
