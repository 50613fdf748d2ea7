"""Sync one repository in detail: its API metadata, its README, and the datasets it declares."""

from collections.abc import Callable
from enum import Enum
from typing import Any

from django.db.models import Q
from django.utils import timezone

from registry.hub import HubClient, HubGated, HubNotFound
from registry.models import HubNamespace, HubRepo, RepoType, SyncRun
from registry.openness.dataset_ids import canonical_dataset_id
from registry.services.hub_sync.locks import repo_lock
from registry.services.hub_sync.values import repo_values
from registry.services.hub_sync.writes import (
    record_not_found,
    synced_during,
    write_repo,
)

# Called with a repo pk that needs a detailed sync in the same run (a Celery task, or inline).
ScheduleDetail = Callable[[int], None]


class RepoOutcome(Enum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    NOT_FOUND = "not found"
    MISSING = "missing"  # not found once too often: marked missing just now
    SKIPPED = "skipped"  # already synced during this run
    BUSY = "busy"  # another sync of the same repo holds its lock
    GONE = "gone"  # the row was deleted


def sync_hub_repo(*, run: SyncRun, repo_pk: int, client: HubClient, schedule_detail: ScheduleDetail) -> RepoOutcome:
    """Fetch the repo `repo_pk` (metadata + README) and write it in one short transaction.

    Hub calls happen before and outside the transaction, under a per-repo lock. A not-found answer is
    counted (missing after a few); any other error (HubError, a malformed answer) is raised and the
    repo's data stays as it was: the caller retries, or records the failure once
    (`record_repo_failure`). A model's declared training datasets get a row
    (project-less, not "discovered") and are passed to `schedule_detail` if never synced.
    Idempotent: a repo already synced during `run` is skipped without a request.
    """
    repo = HubRepo.objects.filter(pk=repo_pk).first()
    if repo is None:
        return RepoOutcome.GONE
    if synced_during(repo, run):
        return RepoOutcome.SKIPPED
    with repo_lock(repo_pk) as acquired:
        if not acquired:
            return RepoOutcome.BUSY
        try:
            values = fetch_repo_values(repo=repo, client=client)
        except HubNotFound as error:
            missing = record_not_found(run=run, repo_pk=repo_pk, error=error)
            return RepoOutcome.MISSING if missing else RepoOutcome.NOT_FOUND
        result = write_repo(run=run, repo_pk=repo_pk, values=values, once_per_run=True)
    if result is None:
        return RepoOutcome.GONE
    for dataset_pk in declared_datasets_to_sync(dataset_ids=values.get("datasets", [])):
        schedule_detail(dataset_pk)
    return RepoOutcome.CHANGED if result.changed else RepoOutcome.UNCHANGED


def fetch_repo_values(*, repo: HubRepo, client: HubClient) -> dict[str, Any]:
    """Everything a detailed sync writes: API metadata, card error, and a clean sync status.

    Raises HubNotFound, HubRateLimited, HubUnavailable or HubError from the API call or the README.
    """
    is_model = repo.repo_type == RepoType.MODEL
    record = client.model_info(repo.repo_id) if is_model else client.dataset_info(repo.repo_id)
    return repo_values(record) | {
        "card_error": _card_error(repo, client),
        "sync_status": HubRepo.SyncStatus.OK,
        "last_synced_at": timezone.now(),
        "last_error": "",
        "last_error_at": None,
        "error_count": 0,
        "not_found_count": 0,
    }


def declared_datasets_to_sync(*, dataset_ids: list[str]) -> list[int]:
    """Create a dataset row for each declared id not in the registry; return those never synced.

    Created rows have no project and are not "discovered": a model refers to them. A legacy id (`mc4`) gets the
    row of the namespaced repository the Hub redirects it to.
    """
    dataset_ids = list(dict.fromkeys(canonical_dataset_id(repo_id) for repo_id in dataset_ids))
    if not dataset_ids:
        return []
    namespaces = dict(
        HubNamespace.objects.filter(name__in={repo_id.split("/")[0] for repo_id in dataset_ids})
        .values_list("name", "pk")
    )
    HubRepo.objects.bulk_create(
        [HubRepo(repo_id=repo_id, repo_type=RepoType.DATASET, namespace_id=namespaces.get(repo_id.split("/")[0]))
         for repo_id in dataset_ids],
        ignore_conflicts=True,
    )
    never_synced = Q(sync_status=HubRepo.SyncStatus.NEVER, last_error_at__isnull=True)
    return list(
        HubRepo.objects.filter(never_synced, repo_type=RepoType.DATASET, repo_id__in=dataset_ids)
        .order_by("pk").values_list("pk", flat=True)
    )


def _card_error(repo: HubRepo, client: HubClient) -> str:
    read_card = client.model_card if repo.repo_type == RepoType.MODEL else client.dataset_card
    try:
        card = read_card(repo.repo_id)
    except HubGated as error:
        # Gated is not missing: the metadata above is public, only the files need an access grant.
        return f"README not readable: the repository is gated (metadata comes from the Hub API). {error}"[:2000]
    except HubNotFound as error:
        return f"README not readable: {error}"[:2000]
    return card.error or ""
