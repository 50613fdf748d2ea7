"""Cache-based locks that keep workers from syncing the same repo or namespace at the same time.

They rest on `cache.add`, which sets a key only when it is absent (atomic on Redis; per process with
LocMem, which is enough in-process). A lock expires on its own, so a worker killed mid-sync cannot
block a repo forever, and is released only by its holder (its random token).
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache

# Longer than the hardest task time limit that can hold them (see registry.tasks).
REPO_LOCK_SECONDS = 8 * 60
NAMESPACE_LOCK_SECONDS = 11 * 60


@contextmanager
def held_lock(key: str, *, timeout: int) -> Iterator[bool]:
    """Try to take the lock `key` for at most `timeout` seconds; yield whether it was taken.

    Never waits. On exit the lock is deleted if this holder still owns it.
    """
    token = uuid.uuid4().hex
    acquired = cache.add(key, token, timeout)
    try:
        yield acquired
    finally:
        # get-then-delete is not atomic: if our lock expired and another worker took it in between,
        # we would free theirs. Locks outlive the task time limits, so that needs a stalled worker.
        if acquired and cache.get(key) == token:
            cache.delete(key)


def repo_lock(repo_pk: int):
    """The lock that one sync of the HubRepo `repo_pk` holds while it fetches and writes."""
    return held_lock(f"hub-sync:lock:repo:{repo_pk}", timeout=REPO_LOCK_SECONDS)


def namespace_lock(namespace_pk: int):
    """The lock that one listing of the HubNamespace `namespace_pk` holds."""
    return held_lock(f"hub-sync:lock:namespace:{namespace_pk}", timeout=NAMESPACE_LOCK_SECONDS)

