"""A cache Redis that is down: the volatile cache pointed at a closed port, as production builds it."""

import pytest

from config.cache_settings import redis_cache, volatile_redis_cache

DEAD_REDIS = "redis://127.0.0.1:6390/0"  # nothing listens here


@pytest.fixture
def cache_redis_down(settings):
    """Both caches on a Redis that refuses connections: the volatile one (responses, catalog
    version, throttle) as production configures it, and the default one (locks), which raises."""
    settings.CACHES = {
        "default": redis_cache(DEAD_REDIS),
        "volatile": volatile_redis_cache(DEAD_REDIS, socket_timeout=0.25),
    }
