"""The Hub sync: keeps every tracked repository's metadata fresh from the Hugging Face Hub.

Services (all keyword-only, each taking its HubClient as an argument so tests inject one on a fake Hub):

* `sync_hub_namespace`: one paginated listing per namespace; detailed syncs only for what changed.
* `sync_hub_repo`: one repo's metadata and README, written in one short transaction.
* `run_hub_sync`: a whole run in this process (the `sync_hub` command); the Celery tasks in
  `registry.tasks` call the same services one step per task.
* `load_hub_snapshot`: the bundled offline snapshot, through the same write path.

Rules: the Hub is never called inside a transaction; a failure keeps the last good data and is
recorded on the row; a repo is marked missing only after repeated not-found answers, never deleted;
every change of a tracked field is kept in the history with the run that saw it.
"""

from registry.services.hub_sync.client import build_hub_client, shared_rate_limiter
from registry.services.hub_sync.foreground import SyncScope, outcome_counts, run_hub_sync
from registry.services.hub_sync.namespaces import ListingTally, sync_hub_namespace
from registry.services.hub_sync.repos import RepoOutcome, sync_hub_repo
from registry.services.hub_sync.retry import RETRYABLE, call_with_retries, retry_delay
from registry.services.hub_sync.snapshot import SnapshotError, load_hub_snapshot

__all__ = [
    "RETRYABLE",
    "ListingTally",
    "RepoOutcome",
    "SnapshotError",
    "SyncScope",
    "build_hub_client",
    "call_with_retries",
    "load_hub_snapshot",
    "outcome_counts",
    "retry_delay",
    "run_hub_sync",
    "shared_rate_limiter",
    "sync_hub_namespace",
    "sync_hub_repo",
]
