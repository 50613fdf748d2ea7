"""The cache for what may vanish at any moment: cached API responses and pages, throttle
counters (settings.CACHES["volatile"], a Redis with an eviction policy).

Its Redis may be down: django-redis then answers every read with None and drops every write after
a short socket timeout, so callers treat None as "not cached" and carry on from the database.
Locks and anything else that must not be lost use the default cache instead.
"""

from django.conf import settings
from django.core.cache import BaseCache, caches

ALIAS = "volatile"


def volatile_cache() -> BaseCache:
    """The volatile cache; the default one where settings (e.g. a test's override) define no such alias."""
    return caches[ALIAS if ALIAS in settings.CACHES else "default"]
