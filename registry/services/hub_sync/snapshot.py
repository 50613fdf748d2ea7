"""Load the bundled Hub snapshot (registry/data/hub_snapshot.json) for the offline demo.

The snapshot holds, per repo, the values a detailed sync writes (see `values.repo_values`), built once
from the fixtures in tests/data/hub through the real client. Loading writes them through the sync's
own write path, under a SyncRun with trigger "snapshot" whose note dates the snapshot, and never over
data a live sync has fetched or real card front matter seen in a public copy. Its entries are constructed
demo data, and every page and API response that shows them says so (`data_origin`).
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.dateparse import parse_datetime

from registry.models import DataOrigin, HubRepo, SyncRun
from registry.services.hub_sync.runs import count_sync_outcomes, finish_sync_run, start_sync_run
from registry.services.hub_sync.writes import write_repo

SNAPSHOT_FILE = Path(__file__).resolve().parents[2] / "data" / "hub_snapshot.json"
# Repos in these states hold no live data yet: the snapshot may fill them.
REPLACEABLE = (HubRepo.SyncStatus.NEVER, HubRepo.SyncStatus.SNAPSHOT)


class SnapshotError(ValueError):
    """The snapshot file cannot be read or lacks a required key."""


@dataclass
class SnapshotReport:
    run: SyncRun
    snapshot_date: str
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # not in the registry, or already synced live

    def summary(self) -> str:
        return (f"Hub snapshot of {self.snapshot_date}: {len(self.written)} repos written, "
                f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped")


def load_hub_snapshot(*, path: Path = SNAPSHOT_FILE) -> SnapshotReport:
    """Write the snapshot's metadata to the registry's repos that have no live data; idempotent.

    Repos not in the registry are skipped (the snapshot adds none). A second load writes nothing and
    reuses the first load's SyncRun. Side effects: ChangeRecords, openness recomputation.
    """
    snapshot = _read(path)
    note = f"Bundled Hub snapshot of {snapshot['snapshot_date']}: {snapshot['note']}"[:300]
    run = SyncRun.objects.filter(trigger=SyncRun.Trigger.SNAPSHOT, note=note).first()
    is_new_run = run is None
    run = run or start_sync_run(trigger=SyncRun.Trigger.SNAPSHOT, note=note)
    report = SnapshotReport(run=run, snapshot_date=snapshot["snapshot_date"])
    for entry in snapshot["repos"]:
        _load_entry(run, entry, report)
    if is_new_run or report.written:
        count_sync_outcomes(run_id=run.pk, changed=len(report.written),
                            unchanged=len(report.unchanged) if is_new_run else 0)
    report.run = finish_sync_run(run_id=run.pk)
    return report


def _load_entry(run: SyncRun, entry: dict, report: SnapshotReport) -> None:
    name = f"{entry['repo_type']}:{entry['repo_id']}"
    repo = HubRepo.objects.filter(repo_id=entry["repo_id"], repo_type=entry["repo_type"]).first()
    if repo is None or repo.sync_status not in REPLACEABLE or repo.data_origin == DataOrigin.CARD_COPY:
        report.skipped.append(name)
        return
    values = _values(entry["values"]) | {"sync_status": HubRepo.SyncStatus.SNAPSHOT,
                                         "data_origin": DataOrigin.CONSTRUCTED}
    result = write_repo(run=run, repo_pk=repo.pk, values=values)
    (report.written if result and result.written else report.unchanged).append(name)


def _values(stored: dict[str, Any]) -> dict[str, Any]:
    last_modified = stored.get("last_modified")
    return stored | {"last_modified": parse_datetime(last_modified) if last_modified else None}


def _read(path: Path) -> dict:
    try:
        snapshot = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise SnapshotError(f"{path.name}: cannot be read: {error}") from error
    missing = {"snapshot_date", "note", "repos"} - set(snapshot)
    if missing:
        raise SnapshotError(f"{path.name}: missing {', '.join(sorted(missing))}")
    return snapshot
