"""What a sync run covers: the tracked namespaces, and the repos no tracked namespace lists.

A repo is "due" when it was last checked (synced, or answered with an error) more than half a sync
interval ago: with runs every HUB_SYNC_INTERVAL_MINUTES, each run checks it once, and a repo that
failed is not hammered by runs started by hand in between.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from registry.models import HubNamespace, HubRepo


def namespaces_to_sync() -> QuerySet[HubNamespace]:
    """The tracked namespaces, by name."""
    return HubNamespace.objects.filter(tracked=True).order_by("name")


def due_repo_pks(*, now: datetime | None = None) -> list[int]:
    """Pks of the due repos that no tracked namespace lists."""
    cutoff = _due_cutoff(now or timezone.now())
    not_listed = Q(namespace__isnull=True) | Q(namespace__tracked=False)
    unchecked_since = (Q(last_synced_at__isnull=True) | Q(last_synced_at__lt=cutoff)) & (
        Q(last_error_at__isnull=True) | Q(last_error_at__lt=cutoff)
    )
    return list(HubRepo.objects.filter(not_listed, unchecked_since).order_by("pk").values_list("pk", flat=True))


def is_due(*, last_synced_at: datetime | None, last_error_at: datetime | None, now: datetime) -> bool:
    """Whether a repo last checked at these times should be checked again."""
    cutoff = _due_cutoff(now)
    return all(moment is None or moment < cutoff for moment in (last_synced_at, last_error_at))


def _due_cutoff(now: datetime) -> datetime:
    return now - timedelta(minutes=settings.HUB_SYNC_INTERVAL_MINUTES) / 2
