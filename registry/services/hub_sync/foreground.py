"""Run a whole sync in this process (the `sync_hub` command): the same services as the Celery tasks.

Detailed syncs run inline as the listings ask for them, and failures are retried in-process with the
tasks' policy (`retry_delay`), sleeping instead of re-queueing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from registry.hub import HubClient, HubError
from registry.models import HubNamespace, HubRepo, SyncRun
from registry.services.hub_sync.locks import claim_once
from registry.services.hub_sync.namespaces import sync_hub_namespace
from registry.services.hub_sync.planning import due_repo_pks, namespaces_to_sync
from registry.services.hub_sync.repos import RepoOutcome, sync_hub_repo
from registry.services.hub_sync.retry import call_with_retries
from registry.services.hub_sync.runs import (
    count_sync_outcomes,
    finish_sync_run,
    record_sync_error,
    start_sync_run,
)


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

    Every outcome is recorded on the rows and the run; Hub errors never escape (they make the run
    partial or failed). Hub calls are made outside transactions.
    """
    names = list(HubNamespace.objects.filter(pk__in=scope.namespace_pks or []).values_list("name", flat=True))
    run = start_sync_run(trigger=trigger, namespaces=names)
    requests_before = client.requests_made
    sync = _ForegroundSync(run, client, on_progress or (lambda: None), sleep)
    for namespace_pk in scope.namespace_pks or []:
        sync.namespace(namespace_pk)
    for repo_pk in scope.repo_pks:
        sync.repo(repo_pk)
    count_sync_outcomes(run_id=run.pk, requests=client.requests_made - requests_before)
    return finish_sync_run(run_id=run.pk)


class _ForegroundSync:
    def __init__(self, run: SyncRun, client: HubClient, on_progress: Callable[[], None], sleep):
        self.run, self.client, self.on_progress, self.sleep = run, client, on_progress, sleep

    def namespace(self, namespace_pk: int) -> None:
        try:
            tally = call_with_retries(lambda: sync_hub_namespace(
                run=self.run, namespace_pk=namespace_pk, client=self.client, schedule_detail=self.repo,
                on_row=self.on_progress), sleep=self.sleep)
        except HubError as error:
            name = HubNamespace.objects.filter(pk=namespace_pk).values_list("name", flat=True).first()
            record_sync_error(run_id=self.run.pk, subject=f"namespace {name}", error=error)
            return
        if tally is not None:
            count_sync_outcomes(run_id=self.run.pk, changed=tally.changed, unchanged=tally.unchanged,
                                discovered=tally.discovered)

    def repo(self, repo_pk: int) -> None:
        """Sync one repo in detail, once per run."""
        if not claim_once(f"run:{self.run.pk}:repo:{repo_pk}"):
            return
        try:
            outcome = call_with_retries(lambda: sync_hub_repo(
                run=self.run, repo_pk=repo_pk, client=self.client, schedule_detail=self.repo), sleep=self.sleep)
        except HubError as error:
            repo_id = HubRepo.objects.filter(pk=repo_pk).values_list("repo_id", flat=True).first()
            record_sync_error(run_id=self.run.pk, subject=f"repo {repo_id}", error=error)
            count_sync_outcomes(run_id=self.run.pk, failed=1)
        else:
            count_sync_outcomes(run_id=self.run.pk, **outcome_counts(outcome))
        self.on_progress()


def outcome_counts(outcome: RepoOutcome) -> dict[str, int]:
    """How a detailed sync's outcome adds to the run counters (a 404 is an answer, not a failure)."""
    if outcome in (RepoOutcome.CHANGED, RepoOutcome.MISSING):
        return {"changed": 1}
    if outcome in (RepoOutcome.UNCHANGED, RepoOutcome.NOT_FOUND):
        return {"unchanged": 1}
    return {}
