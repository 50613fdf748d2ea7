"""Sync a tracked namespace from its listings: one paginated request per 1,000 repos, whatever changed.

Each listing row already carries the expanded metadata (sha, gated, cardData, counters…), so a repo
whose sha is unchanged needs no request of its own: only its volatile counters may be written.
Repos that are new, changed (sha), not yet synced cleanly, or absent from the listing are handed to
`schedule_detail` for a detailed sync, with their listing row when there is one (so the detailed sync asks
the Hub for nothing the row already says). Rows are streamed in chunks; only the ids seen are kept.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import IntegrityError, transaction
from django.utils import timezone

from registry.hub import HubClient, HubDataset, HubModel
from registry.models import HubNamespace, HubRepo, RepoType, SyncRun
from registry.services.hub_sync.failures import is_run_fatal, record_repo_failure
from registry.services.hub_sync.locks import namespace_lock, repo_lock
from registry.services.hub_sync.planning import is_due
from registry.services.hub_sync.repos import ScheduleDetail
from registry.services.hub_sync.values import differences, repo_values
from registry.services.hub_sync.writes import synced_during, write_repo

CHUNK_SIZE = 500


@dataclass
class ListingTally:
    """What a namespace sync did with the rows it listed (detailed syncs count themselves)."""

    changed: int = 0
    unchanged: int = 0
    discovered: int = 0


def sync_hub_namespace(
    *, run: SyncRun, namespace_pk: int, client: HubClient, schedule_detail: ScheduleDetail,
    on_row: Callable[[], None] | None = None,
) -> ListingTally | None:
    """List the namespace's models and datasets and bring the registry in line with them.

    New repos are created as `discovered` (no project: moderators attach them). Returns None when the
    namespace is gone or another sync is listing it. A row that cannot be written (an unexpected error)
    is recorded as that repo's failure and the listing goes on. A listing error (HubError, malformed
    answer) is raised for the caller to retry or record (`record_namespace_failure`); rows already
    written stay written (re-running is harmless: they are then unchanged).
    """
    namespace = HubNamespace.objects.filter(pk=namespace_pk).first()
    if namespace is None:
        return None
    with namespace_lock(namespace_pk) as acquired:
        if not acquired:
            return None
        listing_pass = _ListingPass(run, namespace, schedule_detail, on_row or (lambda: None))
        listing_pass.sync(RepoType.MODEL, client.list_models(namespace.name))
        listing_pass.sync(RepoType.DATASET, client.list_datasets(namespace.name))
        _record_namespace_listed(namespace)
    return listing_pass.tally


@dataclass
class _ListingPass:
    run: SyncRun
    namespace: HubNamespace
    schedule_detail: ScheduleDetail
    on_row: Callable[[], None]
    tally: ListingTally = field(default_factory=ListingTally)

    def sync(self, repo_type: str, listing: Iterable[HubModel | HubDataset]) -> None:
        seen: set[int] = set()
        for chunk in _chunks(listing, CHUNK_SIZE):
            ids = [record.repo_id for record in chunk]
            known = {repo.repo_id: repo for repo in HubRepo.objects.filter(repo_type=repo_type, repo_id__in=ids)}
            for record in chunk:
                repo = known.get(record.repo_id) or self._create_discovered(repo_type, record.repo_id)
                seen.add(repo.pk)
                self._sync_row_or_record_failure(repo, record)
                self.on_row()
        # Listed first, scheduled after: a detailed sync must not run inside the open cursor.
        for repo_pk in list(_absent_and_due(self.namespace, repo_type, seen)):
            self.schedule_detail(repo_pk)

    def _sync_row_or_record_failure(self, repo: HubRepo, record: HubModel | HubDataset) -> None:
        try:
            self._sync_row(repo, record)
        except Exception as error:
            if is_run_fatal(error):
                raise
            # One poisoned row must not stop the listing at the same place on every run.
            record_repo_failure(run_id=self.run.pk, repo_pk=repo.pk, error=error)

    def _sync_row(self, repo: HubRepo, record: HubModel | HubDataset) -> None:
        if synced_during(repo, self.run):
            return  # read in detail earlier in this run (a declared dataset): counted there
        if (record.sha or "") != repo.sha or repo.sync_status != HubRepo.SyncStatus.OK:
            self.schedule_detail(repo.pk, record.raw)
            return
        values = repo_values(record)
        if not differences(repo, values):
            self.tally.unchanged += 1  # the no-change path: no query, no write
            return
        with repo_lock(repo.pk) as acquired:
            # Without the lock, a detailed sync of this repo is writing fresher data right now.
            result = write_repo(run=self.run, repo_pk=repo.pk, values=values) if acquired else None
        if result is not None and result.changed:
            self.tally.changed += 1
        else:
            self.tally.unchanged += 1

    def _create_discovered(self, repo_type: str, repo_id: str) -> HubRepo:
        try:
            with transaction.atomic():
                repo = HubRepo.objects.create(
                    repo_id=repo_id, repo_type=repo_type, namespace=self.namespace, discovered=True
                )
        except IntegrityError:  # created meanwhile by another sync
            return HubRepo.objects.get(repo_id=repo_id, repo_type=repo_type)
        self.tally.discovered += 1
        return repo


def _absent_and_due(namespace: HubNamespace, repo_type: str, seen: set[int]) -> Iterator[int]:
    """Known repos of the namespace the listing did not show: deleted, renamed or private, to check.

    Missing repos are left to the listing: it shows them again if they come back.
    """
    now = timezone.now()
    rows = (HubRepo.objects.filter(namespace=namespace, repo_type=repo_type)
            .exclude(sync_status=HubRepo.SyncStatus.MISSING)
            .values_list("pk", "last_synced_at", "last_error_at").order_by("pk"))
    for repo_pk, last_synced_at, last_error_at in rows.iterator():
        if repo_pk not in seen and is_due(last_synced_at=last_synced_at, last_error_at=last_error_at, now=now):
            yield repo_pk


def _record_namespace_listed(namespace: HubNamespace) -> None:
    HubNamespace.objects.filter(pk=namespace.pk).update(last_listed_at=timezone.now(), error_count=0)


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk
