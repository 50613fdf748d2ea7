"""The trace every leg change leaves: append-only ChangeRecords ("leg:<leg>", old → new, why, by whom)."""

from __future__ import annotations

from collections.abc import Iterable

from registry.models import ChangeRecord, LegAssessment, Project, SyncRun
from registry.services.openness.storage import StoredLeg, fit


def leg_field(row: LegAssessment) -> str:
    return f"leg:{row.leg}"


def recompute_records(
    stored_legs: Iterable[StoredLeg], *, project: Project, sync_run: SyncRun | None, changed_by, cause: str = ""
) -> list[ChangeRecord]:
    """Records for legs whose effective value changed, and for computed values that moved under an override.

    The second kind keeps the trace of what the evidence says while a moderator's value is shown.
    """
    records = []
    for stored in stored_legs:
        row = stored.row
        if stored.value_changed:
            field, old, new, reason = leg_field(row), stored.old_value, row.value, row.reason
        elif stored.computed_changed:
            field, old, new = f"{leg_field(row)}:computed", stored.old_computed, row.computed_value
            reason = f"the evidence changed while a moderator's override ({row.override_value}) is shown: {row.reason}"
        else:
            continue
        records.append(_record(row, project, field, old, new, reason, sync_run=sync_run, changed_by=changed_by,
                               cause=cause))
    return ChangeRecord.objects.bulk_create(records)


def override_record(row: LegAssessment, *, old_value: str, reason: str, user) -> ChangeRecord:
    """The record of a moderator setting or clearing an override."""
    project = row.project or (row.hub_repo.project if row.hub_repo else None)
    record = _record(row, project, leg_field(row), old_value, row.value, reason, sync_run=None, changed_by=user)
    record.save()
    return record


def _record(row, project, field, old, new, reason, *, sync_run, changed_by, cause="") -> ChangeRecord:
    return ChangeRecord(
        project=project,
        hub_repo=row.hub_repo,
        field=field,
        old_value=old,
        new_value=new,
        reason=fit(reason),
        sync_run=sync_run,
        changed_by=changed_by,
        cause=cause,
    )
