"""What a HubRepo row stores of a Hub record, and which differences between two versions matter.

Fields fall in three groups:

* tracked: facts the openness rules read; each change gets a ChangeRecord with its sync run.
* volatile: counters the Hub moves without a commit (downloads, likes) and the raw JSON. A change
  of these alone is written but does not count as "changed" and leaves no history: otherwise every
  download would.
* everything else (tags, languages, card data, sync bookkeeping): written, counted as changed when
  it is Hub data, never recorded in the history.
"""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from registry.hub import HubDataset, HubModel
from registry.models import DataOrigin, HubRepo

TRACKED_FIELDS = frozenset({
    "license", "license_name", "license_link", "gated", "datasets", "base_models", "sha",
    "pipeline_tag", "parameters", "sync_status",
})
VOLATILE_FIELDS = frozenset({"downloads", "downloads_all_time", "likes", "last_modified", "raw"})
BOOKKEEPING_FIELDS = frozenset({
    "sync_status", "last_synced_at", "last_error", "last_error_at", "error_count", "not_found_count",
})


def repo_values(record: HubModel | HubDataset) -> dict[str, Any]:
    """The HubRepo field values that `record` (from a listing row or a single-repo call) stands for."""
    values = {
        "license": record.license, "license_name": record.license_name, "license_link": record.license_link,
        "gated": record.gated, "downloads": record.downloads, "downloads_all_time": record.downloads_all_time,
        "likes": record.likes, "languages": list(record.languages), "tags": list(record.tags),
        "card_data": record.card_data, "sha": record.sha, "last_modified": record.last_modified,
        "raw": record.raw, "data_origin": DataOrigin.HUB, "data_source": {},
    }
    if isinstance(record, HubModel):
        values |= {
            "parameters": record.parameters, "pipeline_tag": record.pipeline_tag,
            "library_name": record.library_name, "datasets": list(record.datasets),
            "base_models": list(record.base_models),
        }
    return {name: _fitted(name, value) for name, value in values.items()}


def differences(repo: HubRepo, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """`{field: (stored, new)}` for every field of `values` that `repo` does not already hold."""
    return {
        name: (getattr(repo, name), value) for name, value in values.items() if getattr(repo, name) != value
    }


def is_tracked_change(name: str, old: Any, new: Any) -> bool:
    """Whether this change belongs in the history. Of sync_status, only going missing or coming back."""
    if name == "sync_status":
        return HubRepo.SyncStatus.MISSING in (old, new)
    return name in TRACKED_FIELDS


def counts_as_changed(changes: dict[str, tuple[Any, Any]]) -> bool:
    """Whether a write changed Hub data, beyond volatile counters and sync bookkeeping."""
    return any(
        name not in VOLATILE_FIELDS and (name not in BOOKKEEPING_FIELDS or is_tracked_change(name, *change))
        for name, change in changes.items()
    )


def without_nul(value: Any) -> Any:
    """`value` with every NUL character removed from its strings, dict keys included (PostgreSQL refuses them)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list | tuple):
        return [without_nul(item) for item in value]
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    return value


def error_text(error: BaseException | str, *, limit: int = 2000) -> str:
    """`Type: message` of `error`, fit to store and publish: no NUL, no internal Hub address, `limit` long."""
    text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    endpoint = settings.HF_ENDPOINT.rstrip("/")
    for address in (endpoint, urlsplit(endpoint).netloc):  # the URL first, then a bare host:port
        text = text.replace(address, "") if address else text
    return without_nul(text)[:limit]


def _fitted(name: str, value: Any) -> Any:
    # Text columns are NOT NULL with a length limit: PostgreSQL refuses a longer value.
    field = HubRepo._meta.get_field(name)
    if getattr(field, "max_length", None) is None:
        return value
    return (value or "")[: field.max_length]
