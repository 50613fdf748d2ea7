"""Run a whole sync in this process (the `sync_hub` command): the same services as the Celery tasks.

Detailed syncs run inline as the listings ask for them. A namespace or repo that fails with a
retryable Hub error (429, 5xx, timeout) is put aside and tried again once everything else is done,
in at most FINAL_RETRY_ROUNDS rounds, each after a wait of at most MAX_FINAL_RETRY_WAIT_SECONDS; what
still fails is recorded and left to the next run. So one failing repo never delays the others, and
the retries add at most FINAL_RETRY_ROUNDS × MAX_FINAL_RETRY_WAIT_SECONDS of waiting to a run.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from registry.hub import HubClient
from registry.models import HubNamespace, SyncRun
from registry.services.hub_sync.failures import is_run_fatal, record_namespace_failure, record_repo_failure
from registry.services.hub_sync.namespaces import sync_hub_namespace
from registry.services.hub_sync.planning import due_repo_pks, namespaces_to_sync
from registry.services.hub_sync.repos import RepoOutcome, sync_hub_repo
from registry.services.hub_sync.retry import RETRYABLE, retry_delay
from registry.services.hub_sync.runs import (
    claim_step,
    close_sync_run,
    count_sync_outcomes,
    finish_sync_run,
    start_sync_run,
)

FINAL_RETRY_ROUNDS = 2
MAX_FINAL_RETRY_WAIT_SECONDS = 15.0


@dataclass(frozen=True)
class SyncScope:
    """What to sync: everything due (both None), some namespaces, or some repos."""

    namespace_pks: list[int] | None = None
    repo_pks: list[int] = field(default_factory=list)

    @classmethod
    def everything_due(cls) -> "SyncScope":
        return cls(namespace_pks=list(namespaces_to_sync().values_list("pk", flat=True)), repo_pks=due_repo_pks())


def run_hub_sync(
    *, client: HubClient, scope: SyncScope, trigger: str = SyncRun.Trigger.COMMAND,
    on_progress: Callable[[], None] | None = None, sleep: Callable[[float], None] | None = None,
) -> SyncRun:
    """Sync `scope` now, in this process, and return the finished SyncRun.

    Every outcome is recorded on the rows and the run: a failing namespace or repo (Hub error,
    malformed answer, unwritable data) is recorded on its row and the others still sync. Whatever
    else escapes (Ctrl-C, SIGTERM turned into SystemExit, the database or Redis gone) first closes the
    run as failed with the error, then propagates. Hub calls are made outside transactions.
    """
    names = list(HubNamespace.objects.filter(pk__in=scope.namespace_pks or []).values_list("name", flat=True))
    run = start_sync_run(trigger=trigger, namespaces=names)
    sync = _ForegroundSync(run, client, on_progress or (lambda: None), sleep or time.sleep)
    try:
        sync.everything(scope)
    except BaseException as error:
        close_sync_run(run_id=run.pk, error=error)
        raise
    count_sync_outcomes(run_id=run.pk, requests=client.requests_made - sync.requests_before)
    return finish_sync_run(run_id=run.pk)


# A unit of work put aside for a final retry: ("namespace" or "repo", its pk).
_Item = tuple[str, int]


class _ForegroundSync:
    def __init__(self, run: SyncRun, client: HubClient, on_progress: Callable[[], None], sleep):
        self.run, self.client, self.on_progress, self.sleep = run, client, on_progress, sleep
        self.requests_before = client.requests_made
        self.deferred: list[tuple[_Item, Exception]] = []
        self.listed: dict[int, dict] = {}  # listing rows of the repos a listing scheduled, by pk

    def everything(self, scope: SyncScope) -> None:
        for namespace_pk in scope.namespace_pks or []:
            self._attempt(("namespace", namespace_pk), last=False)
        for repo_pk in scope.repo_pks:
            self.repo(repo_pk)
        for round_number in range(FINAL_RETRY_ROUNDS):
            self._retry_deferred(last=round_number == FINAL_RETRY_ROUNDS - 1)
        for item, error in self.deferred:  # first tried during the last round: the next run retries them
            self._record_failure(item, error)

    def repo(self, repo_pk: int, listed: dict | None = None) -> None:
        """Sync one repo in detail, once per run (the listings' `schedule_detail`)."""
        if claim_step(run_id=self.run.pk, key=f"repo:{repo_pk}"):
            if listed:
                self.listed[repo_pk] = listed
            self._attempt(("repo", repo_pk), last=False)

    def _retry_deferred(self, *, last: bool) -> None:
        if not self.deferred:
            return
        waits = [retry_delay(error, attempt=0) or 0.0 for _, error in self.deferred]
        self.sleep(min(max(waits), MAX_FINAL_RETRY_WAIT_SECONDS))
        items, self.deferred = [item for item, _ in self.deferred], []
        for item in items:
            self._attempt(item, last=last)

    def _attempt(self, item: _Item, *, last: bool) -> None:
        try:
            self._sync(item)
        except RETRYABLE as error:
            if last:
                self._record_failure(item, error)
            else:
                self.deferred.append((item, error))
        except Exception as error:
            if is_run_fatal(error):
                raise
            self._record_failure(item, error)

    def _sync(self, item: _Item) -> None:
        kind, pk = item
        if kind == "namespace":
            tally = sync_hub_namespace(run=self.run, namespace_pk=pk, client=self.client,
                                       schedule_detail=self.repo, on_row=self.on_progress)
            if tally is not None:
                count_sync_outcomes(run_id=self.run.pk, changed=tally.changed, unchanged=tally.unchanged,
                                    discovered=tally.discovered)
            return
        outcome = sync_hub_repo(run=self.run, repo_pk=pk, client=self.client, schedule_detail=self.repo,
                                listed=self.listed.get(pk))
        count_sync_outcomes(run_id=self.run.pk, **outcome_counts(outcome))
        self.on_progress()

    def _record_failure(self, item: _Item, error: Exception) -> None:
        kind, pk = item
        if kind == "namespace":
            record_namespace_failure(run_id=self.run.pk, namespace_pk=pk, error=error)
        else:
            record_repo_failure(run_id=self.run.pk, repo_pk=pk, error=error)
            self.on_progress()


def outcome_counts(outcome: RepoOutcome) -> dict[str, int]:
    """How a detailed sync's outcome adds to the run counters (a 404 is an answer, not a failure)."""
    if outcome in (RepoOutcome.CHANGED, RepoOutcome.MISSING):
        return {"changed": 1}
    if outcome in (RepoOutcome.UNCHANGED, RepoOutcome.NOT_FOUND):
        return {"unchanged": 1}
    return {}
