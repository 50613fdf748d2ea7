"""A version stamp of the whole catalog, bumped by every write that changes what visitors see.

Cached responses (API pages, badges) key on it, so a sync or a moderation invalidates them
all at once without tracking which page showed which row. It lives in the volatile cache
(`registry.volatile_cache`): losing it only costs cache misses, and while that cache is down
every call gets a fresh stamp, so nothing is reused and everything is read from the database.
"""

import uuid

from django.db import transaction
from django.utils import timezone

from registry.volatile_cache import volatile_cache

VERSION_KEY = "registry:catalog-version"


def get_catalog_version() -> tuple[str, "timezone.datetime"]:
    """Return ``(version, changed_at)``; creates a stamp when the cache has none.

    Never raises for an unreachable cache: it then returns a new stamp, unlike any other.
    """
    cache = volatile_cache()
    stamp = cache.get(VERSION_KEY)
    if stamp is None:
        stamp = _new_stamp()
        cache.add(VERSION_KEY, stamp, timeout=None)
        # Another process may have added its stamp first; None means the cache is down.
        stamp = cache.get(VERSION_KEY) or stamp
    return stamp


def bump_catalog_version() -> None:
    """Mark the catalog as changed once the current transaction commits."""
    transaction.on_commit(lambda: volatile_cache().set(VERSION_KEY, _new_stamp(), timeout=None))


def _new_stamp():
    return (uuid.uuid4().hex, timezone.now().replace(microsecond=0))
