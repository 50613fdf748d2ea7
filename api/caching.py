"""Conditional GET and whole-response caching, both keyed on the catalog version.

Every write that changes what visitors see bumps the catalog version
(`registry.services.catalog_version`), so a response depends only on the version, the absolute
URL and the media type. A digest of those three is the ETag and the cache key, and the moment
of the last bump is Last-Modified: a sync or a moderation makes every older entry unreachable
at once, without tracking which response showed which row. Entries then simply expire.
"""

import hashlib
from calendar import timegm
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from registry.services.catalog_version import get_catalog_version

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Link")


@dataclass(frozen=True)
class Validators:
    """What identifies one representation of one URL at one catalog version."""

    digest: str
    last_modified: datetime

    @classmethod
    def for_request(cls, request) -> "Validators":
        version, changed_at = get_catalog_version()
        variant = f"{version} {request.build_absolute_uri()} {request.accepted_renderer.media_type}"
        return cls(hashlib.sha256(variant.encode()).hexdigest()[:32], changed_at)

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
        validators = Validators.for_request(request)
        not_modified = get_conditional_response(
            request, etag=validators.etag, last_modified=validators.timestamp)
        if not_modified is not None:
            return validators.stamp(not_modified)
        response = cached_response(validators.cache_key)
        if response is None:
            response = super().get(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            response.add_post_render_callback(lambda rendered: store(validators.cache_key, rendered))
        return validators.stamp(response)


def cached_response(key: str) -> HttpResponse | None:
    entry = cache.get(key)
    if entry is None:
        return None
    return HttpResponse(entry["content"], headers=entry["headers"])


def store(key: str, response) -> None:
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    cache.set(key, {"content": response.content, "headers": headers},
              timeout=settings.API_RESPONSE_CACHE_SECONDS)
