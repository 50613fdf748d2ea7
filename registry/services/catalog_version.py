"""A version stamp of the whole catalog, bumped by every write that changes what visitors see.

Cached responses (API pages, badges) key on it, so a sync or a moderation invalidates them
all at once without tracking which page showed which row. It lives in the shared cache
(Redis in production); losing it only costs a cache miss.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

VERSION_KEY = "registry:catalog-version"


def get_catalog_version() -> tuple[str, "timezone.datetime"]:
    """Return ``(version, changed_at)``; creates a stamp when the cache has none."""
    stamp = cache.get(VERSION_KEY)
    if stamp is None:
        stamp = _new_stamp()
        cache.add(VERSION_KEY, stamp, timeout=None)
        stamp = cache.get(VERSION_KEY, stamp)
    return stamp


def bump_catalog_version() -> None:
    """Mark the catalog as changed once the current transaction commits."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, _new_stamp(), timeout=None))


def _new_stamp():
    return (uuid.uuid4().hex, timezone.now().replace(microsecond=0))
