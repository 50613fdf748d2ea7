"""Whole responses kept in the volatile cache, shared by the API (`api.caching`) and the website's pages
(`registry.page_cache`).

Only a canonical query string is stored: known parameters, no blank or padded values, no repeats, sorted.
Spelling one query many ways stores it once; other spellings are answered fresh, so a client cannot fill the
cache by inventing parameters. The volatile cache may be down: a read then misses and a write is dropped.

Where the volatile cache is a Redis, each process also keeps copies of the responses it stored or read lately in
its own memory (the "response-copies" cache, bounded): a hit then costs no round trip. A key names one catalog
version, so a copy is never out of date; one read from Redis is kept at most LOCAL_COPY_SECONDS in the process.
"""

from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpResponse

from registry.volatile_cache import volatile_cache

LOCAL_COPIES = "response-copies"
# A copy read from Redis does not know how long Redis keeps it: this bounds how much later the process may use it.
LOCAL_COPY_SECONDS = 30


def canonical_query(query_string: str, known_parameters: set[str] | frozenset[str]) -> str | None:
    """`query_string` re-encoded when it is canonical, else None.

    Canonical: every name in `known_parameters`, no blank, padded or repeated pair, sorted by
    name then value. Percent-encoding is normalised, so `a=%41` and `a=A` give the same string.
    """
    try:
        pairs = parse_qsl(query_string, keep_blank_values=True, strict_parsing=bool(query_string))
    except ValueError:
        return None
    canonical = sorted({(name, value) for name, value in pairs
                        if name in known_parameters and value and value == value.strip()})
    return urlencode(canonical) if canonical == pairs else None


def cached_response(key: str) -> HttpResponse | None:
    local = _local_copies()
    entry = local.get(key) if local else None
    if entry is None:
        entry = volatile_cache().get(key)
        if entry is None:
            return None
        if local:
            local.set(key, entry, timeout=LOCAL_COPY_SECONDS)
    return HttpResponse(entry["content"], headers=entry["headers"])


def store(key: str, response, *, kept_headers: tuple[str, ...], timeout: int) -> None:
    headers = {name: response[name] for name in kept_headers if response.has_header(name)}
    entry = {"content": response.content, "headers": headers}
    volatile_cache().set(key, entry, timeout=timeout)
    if local := _local_copies():
        local.set(key, entry, timeout=min(timeout, LOCAL_COPY_SECONDS))


def _local_copies() -> BaseCache | None:
    return caches[LOCAL_COPIES] if LOCAL_COPIES in settings.CACHES else None
