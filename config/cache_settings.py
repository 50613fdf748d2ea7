"""Builders for the CACHES entries of config/settings.py (plain functions: settings stay declarative)."""

from urllib.parse import urlsplit, urlunsplit

REDIS_DATABASES = 16  # Redis's default `databases`


def redis_url_with_next_db(url: str) -> str:
    """`url` pointing at the next Redis database (`redis://h:6379/0` -> `redis://h:6379/1`); "" for "".

    The default home of the volatile cache when CACHE_URL is unset: its keys stay apart from the
    broker's, though only another Redis instance gives it its own memory limit and eviction.
    """
    if not url:
        return ""
    parts = urlsplit(url)
    db = parts.path.strip("/")
    next_db = (int(db) + 1) % REDIS_DATABASES if db.isdigit() else 1
    return urlunsplit(parts._replace(path=f"/{next_db}"))


def redis_cache(url: str, **extra) -> dict:
    """A django-redis cache at `url`; `extra` adds keys such as OPTIONS."""
    return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, **extra}


def locmem_cache(name: str, *, max_entries: int | None = None) -> dict:
    """An in-process cache of its own; `max_entries` bounds it (Django culls a third of it when full)."""
    cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    if max_entries is not None:
        cache["OPTIONS"] = {"MAX_ENTRIES": max_entries}
    return cache


def volatile_redis_cache(url: str, *, socket_timeout: float) -> dict:
    """A django-redis cache whose failures read as misses after at most `socket_timeout` seconds
    per call (connect and read), instead of raising: for data that may be lost, never for locks."""
    return redis_cache(url, OPTIONS={
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": socket_timeout,
        "SOCKET_TIMEOUT": socket_timeout,
    })
