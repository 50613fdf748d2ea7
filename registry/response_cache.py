"""Whole responses kept in the volatile cache, shared by the API (`api.caching`) and the website's pages
(`registry.page_cache`).

Only a canonical query string is stored: known parameters, no blank or padded values, no repeats, sorted.
Spelling one query many ways stores it once; other spellings are answered fresh, so a client cannot fill the
cache by inventing parameters. The volatile cache may be down: a read then misses and a write is dropped.
"""

from urllib.parse import parse_qsl, urlencode

from django.http import HttpResponse

from registry.volatile_cache import volatile_cache


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
    entry = volatile_cache().get(key)
    if entry is None:
        return None
    return HttpResponse(entry["content"], headers=entry["headers"])


def store(key: str, response, *, kept_headers: tuple[str, ...], timeout: int) -> None:
    headers = {name: response[name] for name in kept_headers if response.has_header(name)}
    volatile_cache().set(key, {"content": response.content, "headers": headers}, timeout=timeout)
