"""Conditional GET and whole-response caching, both keyed on the catalog version.

Every write that changes what visitors see bumps the catalog version
(`registry.services.catalog_version`), so a response depends only on the version, the absolute
URL and the media type. A digest of those three is the ETag and the cache key, and the moment
of the last bump is Last-Modified: a sync or a moderation makes every older entry unreachable
at once, without tracking which response showed which row. Entries then simply expire.

Responses live in the volatile cache (a Redis with a memory limit and LRU eviction, which may be
down) and only for a canonical query string (`registry.response_cache`).
"""

import hashlib
from calendar import timegm
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from registry.response_cache import cached_response, canonical_query, store
from registry.services.catalog_version import get_catalog_version

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Link")


@dataclass(frozen=True)
class Validators:
    """What identifies one representation of one URL at one catalog version."""

    digest: str
    last_modified: datetime
    storable: bool = True

    @classmethod
    def for_request(cls, request, known_parameters: set[str], stamp=None) -> "Validators":
        """Validators of this request; `storable` only when its query string is canonical. `stamp` is the
        `(version, changed_at)` the response depends on: the catalog's unless the view says otherwise."""
        version, changed_at = stamp or get_catalog_version()
        raw = request.META.get("QUERY_STRING", "")
        query = canonical_query(raw, known_parameters)
        url = f"{request.build_absolute_uri(request.path)}?{raw if query is None else query}"
        variant = f"{version} {url} {request.accepted_renderer.media_type}"
        return cls(hashlib.sha256(variant.encode()).hexdigest()[:32], changed_at, query is not None)

    @property
    def etag(self) -> str:
        return f'"{self.digest}"'

    @property
    def timestamp(self) -> int:
        return timegm(self.last_modified.utctimetuple())

    @property
    def cache_key(self) -> str:
        return f"api:response:{self.digest}"

    def stamp(self, response):
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.timestamp)
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        return response


class ConditionalCacheMixin:
    """For DRF views with a `get`: validators on every 200, 304 when the client's copy is
    current, and a stored copy of the rendered 200 served until the catalog changes.

    It runs inside the handler, so authentication, throttling and content negotiation have
    already happened: a cache hit still counts against the client's rate.
    """

    def get(self, request, *args, **kwargs):
        validators = Validators.for_request(request, self.get_cacheable_parameters(), self.get_version_stamp())
        not_modified = get_conditional_response(
            request, etag=validators.etag, last_modified=validators.timestamp)
        if not_modified is not None:
            return validators.stamp(not_modified)
        response = cached_response(validators.cache_key) if validators.storable else None
        if response is None:
            response = super().get(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            if validators.storable:
                response.add_post_render_callback(
                    lambda rendered: store(validators.cache_key, rendered, kept_headers=KEPT_HEADERS,
                                           timeout=settings.API_RESPONSE_CACHE_SECONDS))
        return validators.stamp(response)

    def get_version_stamp(self):
        """What the response depends on, as `(version, changed_at)`; None for the catalog version."""
        return None

    def get_cacheable_parameters(self) -> set[str]:
        """Query parameters a stored response may vary on: the view's own list when it has one."""
        if hasattr(self, "get_query_parameters"):
            return self.get_query_parameters()
        return {"format"}
