"""Probes of what the site depends on, for /healthz. Each returns True when the component answers.

None of them raises: a probe that cannot reach its component says so and returns quickly.
"""

import uuid

from django.db import DatabaseError, connection

from config import celery_app
from registry.volatile_cache import volatile_cache

BROKER_TIMEOUT_SECONDS = 1.0
PROBE_KEY = "health:probe"


def check_database() -> bool:
    """The default database runs `SELECT 1`."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def check_cache() -> bool:
    """The volatile cache keeps a value: a write read back (its failures are silent, so ask twice)."""
    token = uuid.uuid4().hex
    cache = volatile_cache()
    cache.set(PROBE_KEY, token, timeout=10)
    return cache.get(PROBE_KEY) == token


def check_broker() -> bool:
    """The Celery broker accepts a connection (always true for the in-process `memory://`)."""
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
        return True
    except Exception:  # kombu raises the transport's own errors: any of them means "down"
        return False


def check_components() -> dict[str, bool]:
    """Every probe by component name: `database`, `cache`, `broker`."""
    return {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
