"""How a sync records what went wrong: on the repo or namespace row, and in the run, in words safe to publish.

Error texts never carry the internal Hub address (HF_ENDPOINT) nor NUL characters (PostgreSQL refuses
them in text and JSON). Errors of the infrastructure itself (the database or Redis gone) are "fatal":
they end the run instead of being blamed on the repo in hand.
"""

from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from registry.models import HubNamespace, HubRepo
from registry.services.hub_sync.runs import count_sync_outcomes, record_sync_error
from registry.services.hub_sync.writes import record_namespace_error, record_repo_error

FATAL = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError, BrokerError)


def is_run_fatal(error: BaseException) -> bool:
    """Whether `error` means the run cannot go on (lost database, cache or broker; an interruption)."""
    return isinstance(error, FATAL) or not isinstance(error, Exception)


def record_repo_failure(*, run_id: int, repo_pk: int, error: BaseException) -> None:
    """A repo's sync failed for good in this run: record it on the row and in the run (one failed repo)."""
    record_repo_error(repo_pk=repo_pk, error=error)
    repo_id = HubRepo.objects.filter(pk=repo_pk).values_list("repo_id", flat=True).first()
    record_sync_error(run_id=run_id, subject=f"repo {repo_id}", error=error)
    count_sync_outcomes(run_id=run_id, failed=1)


def record_namespace_failure(*, run_id: int, namespace_pk: int, error: BaseException) -> None:
    """A namespace's listing failed for good in this run: record it on the namespace and in the run."""
    record_namespace_error(namespace_pk=namespace_pk, error=error)
    name = HubNamespace.objects.filter(pk=namespace_pk).values_list("name", flat=True).first()
    record_sync_error(run_id=run_id, subject=f"namespace {name}", error=error)
