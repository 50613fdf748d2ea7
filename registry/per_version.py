"""Catalog-wide numbers (the grid's summary, the home page's counts and charts) kept by each process for the
current catalog version.

They are the same on every page until the catalog changes, and counting them over a large catalog costs more
than rendering the rest of the page: at 100,000 projects 90–260 ms each, against 60 ms for a grid page of 100
rows. A process computes one once per catalog version, and again after PAGE_CACHE_SECONDS, the bound a stored
page already sets on what changes without a new version (download counts, say). With PAGE_CACHE_SECONDS 0
(the test suite) they are computed on every call.
"""

import time
from collections.abc import Callable
from functools import wraps
from typing import TypeVar, cast

from django.conf import settings

from registry.services.catalog_version import get_catalog_version

T = TypeVar("T")

# (catalog version, monotonic time computed, value) by function.
_kept: dict[Callable, tuple[str, float, object]] = {}


def per_catalog_version(read: Callable[[], T]) -> Callable[[], T]:
    """`read` (no arguments; its result is shared, so callers must not change it) kept for the catalog version."""

    @wraps(read)
    def kept_read() -> T:
        if settings.PAGE_CACHE_SECONDS <= 0:
            return read()
        version, _ = get_catalog_version()
        now = time.monotonic()
        kept = _kept.get(read)
        if kept is None or kept[0] != version or now - kept[1] >= settings.PAGE_CACHE_SECONDS:
            kept = _kept[read] = (version, now, read())
        return cast(T, kept[2])

    return kept_read


def forget() -> None:
    """Drop every kept number (the test suite does between tests: their rolled-back rows never bump the version)."""
    _kept.clear()
