"""Sync one repository in detail: its API metadata, its README, and the datasets it declares.

A repo seen in a listing comes with that listing's row, which already carries everything `model_info` would
answer (the same `expand`): it then costs no request for its metadata, and one GET for its README only when
the row has no card data (no README, or front matter the Hub could not parse: the card says which). A gated
repo's README is never readable, so it is not asked for. So a first sync of a listed repo costs 0 or 1
request beyond the listing pages.
"""

from collections.abc import Callable
from enum import Enum
from typing import Any

from django.db.models import Q
from django.utils import timezone

from registry.hub import HubClient, HubDataset, HubGated, HubModel, HubNotFound
from registry.models import HubNamespace, HubRepo, RepoType, SyncRun
from registry.openness.dataset_ids import canonical_dataset_id
from registry.services.hub_sync.locks import repo_lock
from registry.services.hub_sync.values import repo_values
from registry.services.hub_sync.writes import (
    record_not_found,
    synced_during,
    write_repo,
)

# Called with a repo pk that needs a detailed sync in the same run (a Celery task, or inline), and the
# listing row (JSON) that showed it, if any.
ScheduleDetail = Callable[..., None]


class RepoOutcome(Enum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    NOT_FOUND = "not found"
    MISSING = "missing"  # not found once too often: marked missing just now
    SKIPPED = "skipped"  # already synced during this run
    BUSY = "busy"  # another sync of the same repo holds its lock
    GONE = "gone"  # the row was deleted


def sync_hub_repo(
    *, run: SyncRun, repo_pk: int, client: HubClient, schedule_detail: ScheduleDetail, listed: dict | None = None,
) -> RepoOutcome:
    """Fetch the repo `repo_pk` (metadata + README) and write it in one short transaction.

    `listed` is the listing row that showed the repo in this run, if any: its metadata then comes from it.

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
            values = fetch_repo_values(repo=repo, client=client, listed=listed)
        except HubNotFound as error:
            missing = record_not_found(run=run, repo_pk=repo_pk, error=error)
            return RepoOutcome.MISSING if missing else RepoOutcome.NOT_FOUND
        result = write_repo(run=run, repo_pk=repo_pk, values=values, once_per_run=True)
    if result is None:
        return RepoOutcome.GONE
    for dataset_pk in declared_datasets_to_sync(dataset_ids=values.get("datasets", [])):
        schedule_detail(dataset_pk)
    return RepoOutcome.CHANGED if result.changed else RepoOutcome.UNCHANGED


def fetch_repo_values(*, repo: HubRepo, client: HubClient, listed: dict | None = None) -> dict[str, Any]:
    """Everything a detailed sync writes: API metadata (from `listed`, a listing row, when given), card error,
    and a clean sync status.

    Raises HubNotFound, HubRateLimited, HubUnavailable or HubError from the API call or the README.
    """
    is_model = repo.repo_type == RepoType.MODEL
    if listed:
        record = client.model_from_row(listed) if is_model else client.dataset_from_row(listed)
    else:
        record = client.model_info(repo.repo_id) if is_model else client.dataset_info(repo.repo_id)
    return repo_values(record) | {
        "card_error": _card_error(repo, record, client),
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


def _card_error(repo: HubRepo, record: HubModel | HubDataset, client: HubClient) -> str:
    if record.gated != "no":
        # Gated is not missing: the metadata is public, only the files (README included) need an access grant.
        return "README not readable: the repository is gated (metadata comes from the Hub API)."
    if record.card_data:
        return ""  # the Hub parsed the card's front matter: reading the README would tell nothing more
    read_card = client.model_card if repo.repo_type == RepoType.MODEL else client.dataset_card
    try:
        card = read_card(repo.repo_id)
    except HubGated as error:
        # Gated is not missing: the metadata above is public, only the files need an access grant.
        return f"README not readable: the repository is gated (metadata comes from the Hub API). {error}"[:2000]
    except HubNotFound as error:
        return f"README not readable: {error}"[:2000]
    return card.error or ""
