"""The history of Hub facts: one ChangeRecord per tracked field that a sync run saw change."""

from typing import Any

from registry.models import ChangeRecord, HubRepo, SyncRun
from registry.services.hub_sync.values import is_tracked_change


def record_hub_changes(
    *, repo: HubRepo, changes: dict[str, tuple[Any, Any]], run: SyncRun
) -> list[ChangeRecord]:
    """Append a ChangeRecord for each tracked change in `changes`; return them (maybe none).

    Not idempotent by itself: call it once per write, inside that write's transaction.
    """
    reason = "Bundled Hub snapshot" if run.trigger == SyncRun.Trigger.SNAPSHOT else "Seen on the Hub"
    records = [
        ChangeRecord(
            hub_repo=repo, project_id=repo.project_id, field=name, old_value=_json(old), new_value=_json(new),
            reason=reason, sync_run=run,
        )
        for name, (old, new) in changes.items()
        if is_tracked_change(name, old, new)
    ]
    return ChangeRecord.objects.bulk_create(records)


def _json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
