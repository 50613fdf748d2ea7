"""The only writes the Hub sync makes to a HubRepo: short atomic blocks, never around a Hub call.

Each write locks the row, compares, and writes only what differs, so writing the same facts twice
changes nothing. Tracked changes are recorded in the history and the openness of the projects that
depend on the repo is recomputed in the same transaction.
"""

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from registry.models import DownloadCount, HubNamespace, HubRepo, Project, RepoType, SyncRun
from registry.services.catalog_version import bump_catalog_version
from registry.services.hub_sync.history import record_hub_changes
from registry.services.hub_sync.values import counts_as_changed, differences, error_text, without_nul
from registry.services.openness import recompute_project_openness

NOT_FOUND = "Not found on the Hub"


@dataclass(frozen=True)
class WriteResult:
    """`written`: a row was updated. `changed`: Hub data changed (see values.counts_as_changed)."""

    written: bool
    changed: bool


UNWRITTEN = WriteResult(written=False, changed=False)


def write_repo(
    *, run: SyncRun, repo_pk: int, values: dict[str, Any], once_per_run: bool = False
) -> WriteResult | None:
    """Bring the HubRepo `repo_pk` in line with `values`; None if the row is gone.

    Idempotent: nothing is written when the row already holds `values`. With `once_per_run`, a row
    another sync already wrote during `run` is left alone (two concurrent syncs of one repo write once).
    NUL characters are removed from `values` first. Side effects on change: ChangeRecords, openness
    recomputation, catalog version bump, and the day's download count when a sync (not a snapshot) moved it.
    """
    values = without_nul(values)
    with transaction.atomic():
        repo, projects = _locked(repo_pk)
        if repo is None:
            return None
        if once_per_run and synced_during(repo, run):
            return UNWRITTEN
        changes = differences(repo, values)
        if changes:
            _save(repo, changes)
            _after_write(repo, changes, run, projects)
        if "downloads" in changes and repo.downloads is not None and run.trigger != SyncRun.Trigger.SNAPSHOT:
            _record_downloads(repo)
    return WriteResult(written=bool(changes), changed=counts_as_changed(changes))


def _record_downloads(repo: HubRepo) -> None:
    """Keep the repo's new download count as today's (UTC): the last one a day sees is the day's."""
    DownloadCount.objects.update_or_create(hub_repo=repo, day=timezone.now().date(),
                                           defaults={"downloads": repo.downloads})


def record_not_found(*, run: SyncRun, repo_pk: int, error: Exception) -> bool:
    """Count one more "not found" answer; mark the repo missing once HUB_MISSING_AFTER_NOT_FOUND is reached.

    Never deletes, keeps every other field. Returns whether the repo became missing just now.
    """
    with transaction.atomic():
        repo, projects = _locked(repo_pk)
        if repo is None:
            return False
        count = repo.not_found_count + 1
        values = {"not_found_count": count, "last_error": error_text(f"{NOT_FOUND} ({count} in a row): {error}"),
                  "last_error_at": timezone.now()}
        missing = count >= settings.HUB_MISSING_AFTER_NOT_FOUND and repo.sync_status != HubRepo.SyncStatus.MISSING
        if missing:
            values["sync_status"] = HubRepo.SyncStatus.MISSING
        changes = differences(repo, values)
        _save(repo, changes)
        if missing:
            _after_write(repo, changes, run, projects)
    return missing


def record_repo_error(*, repo_pk: int, error: BaseException) -> None:
    """Record one failed sync on the repo (last_error, last_error_at, error_count + 1); keep its data.

    Call it once per failed sync, not per attempt. A missing repo stays missing; any other is marked
    "error" until a sync succeeds (which clears last_error and error_count).
    """
    with transaction.atomic():
        repo = HubRepo.objects.select_for_update(no_key=True).filter(pk=repo_pk).first()
        if repo is None:
            return
        flips = repo.sync_status not in (HubRepo.SyncStatus.ERROR, HubRepo.SyncStatus.MISSING)
        HubRepo.objects.filter(pk=repo_pk).update(
            last_error=error_text(error), last_error_at=timezone.now(), error_count=F("error_count") + 1,
            sync_status=HubRepo.SyncStatus.ERROR if flips else repo.sync_status,
        )
        if flips:
            bump_catalog_version()


def record_namespace_error(*, namespace_pk: int, error: BaseException) -> None:
    """Record one failed listing on the namespace (last_error, last_error_at, error_count + 1)."""
    HubNamespace.objects.filter(pk=namespace_pk).update(
        last_error=error_text(error), last_error_at=timezone.now(), error_count=F("error_count") + 1,
    )


def synced_during(repo: HubRepo, run: SyncRun) -> bool:
    """Whether `repo` was fetched in detail and written since `run` started."""
    return repo.last_synced_at is not None and repo.last_synced_at >= run.started_at


def _save(repo: HubRepo, changes: dict[str, tuple[Any, Any]]) -> None:
    for name, (_, new) in changes.items():
        setattr(repo, name, new)
    repo.data_seen_at = timezone.now()  # the registry sees this data for the first time
    repo.save(update_fields=[*changes, "data_seen_at", "updated_at"])


def _locked(repo_pk: int) -> tuple[HubRepo | None, list[Project]]:
    """Lock the projects whose openness depends on the repo, then the repo; return both.

    Always in this order, so that two writes in one project cannot deadlock (the openness
    recomputation locks the project and writes rows that reference the project's other repos).
    NO KEY UPDATE on the repo lets those references through.
    """
    repo = HubRepo.objects.filter(pk=repo_pk).first()
    if repo is None:
        return None, []
    projects = list(Project.objects.select_for_update().filter(pk__in=_project_ids_depending_on(repo)).order_by("pk"))
    return HubRepo.objects.select_for_update(no_key=True).filter(pk=repo_pk).first(), projects


def _after_write(repo: HubRepo, changes: dict[str, tuple[Any, Any]], run: SyncRun, projects: list[Project]) -> None:
    if record_hub_changes(repo=repo, changes=changes, run=run):
        for project in projects:
            recompute_project_openness(project=project, sync_run=run)
    bump_catalog_version()


def _project_ids_depending_on(repo: HubRepo) -> set[int]:
    """The repo's own project and, for a dataset, the projects of the models that declare it."""
    project_ids = {repo.project_id} if repo.project_id else set()
    if repo.repo_type == RepoType.DATASET:
        # A text match narrows the rows on SQLite and PostgreSQL alike; the exact test is in Python.
        declaring = HubRepo.objects.filter(
            repo_type=RepoType.MODEL, project__isnull=False, datasets__icontains=json.dumps(repo.repo_id)
        ).values_list("project_id", "datasets")
        project_ids |= {project_id for project_id, datasets in declaring if repo.repo_id in datasets}
    return project_ids
