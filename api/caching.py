"""Conditional GET and whole-response caching, both keyed on the catalog version.

Every write that changes what visitors see bumps the catalog version
(`registry.services.catalog_version`), so a response depends only on the version, the absolute
URL and the media type. A digest of those three is the ETag and the cache key, and the moment
of the last bump is Last-Modified: a sync or a moderation makes every older entry unreachable
at once, without tracking which response showed which row. Entries then simply expire.

Responses live in the volatile cache (a Redis with a memory limit and LRU eviction, which may be
down) and only for a canonical query string (`registry.response_cache`).

An anonymous JSON GET whose answer is a 304 or a stored copy is answered before DRF handles the request
(`StoredAnswers`): the same bytes and headers, counted by the same throttles (a 304 is not counted), at half
the cost. Anything else (credentials, a session, another media type, a query string that is not canonical, a
miss) goes through DRF.
"""

import hashlib
from calendar import timegm
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, wraps

from django.conf import settings
from django.http import HttpRequest
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from rest_framework.settings import api_settings

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
    def for_request(cls, request, known_parameters: set[str], stamp=None, media_type: str | None = None
                    ) -> "Validators":
        """Validators of this request; `storable` only when its query string is canonical. `stamp` is the
        `(version, changed_at)` the response depends on: the catalog's unless the view says otherwise;
        `media_type` the one negotiated (`request.accepted_renderer`'s unless given)."""
        version, changed_at = stamp or _catalog_version_of(request)
        raw = request.META.get("QUERY_STRING", "")
        query = canonical_query(raw, known_parameters)
        url = f"{request.build_absolute_uri(request.path)}?{raw if query is None else query}"
        variant = f"{version} {url} {media_type or request.accepted_renderer.media_type}"
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

    def not_modified(self, request):
        """The 304 for `request` when the client's copy is current (its If-None-Match or If-Modified-Since), else
        None."""
        return get_conditional_response(request, etag=self.etag, last_modified=self.timestamp)

    def stamp(self, response):
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.timestamp)
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        return response


def _catalog_version_of(request) -> tuple[str, datetime]:
    """The catalog version as this request first read it: a miss after `StoredAnswers` does not read it again."""
    django_request = getattr(request, "_request", request)  # DRF's Request wraps Django's
    if not hasattr(django_request, "catalog_version"):
        django_request.catalog_version = get_catalog_version()
    return django_request.catalog_version


class ConditionalCacheMixin:
    """For DRF views with a `get`: validators on every 200, 304 when the client's copy is
    current, and a stored copy of the rendered 200 served until the catalog changes.

    It runs inside the handler, so authentication and content negotiation have already happened. A cache hit
    counts against the client's rate; a 304 does not (nor does it on GitHub's API): the client already holds
    the current answer.
    """

    def check_throttles(self, request):
        if request.method in ("GET", "HEAD") and self._not_modified(request) is not None:
            return
        super().check_throttles(request)

    def get(self, request, *args, **kwargs):
        validators = self._validators(request)
        not_modified = self._not_modified(request)
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

    def _validators(self, request) -> Validators:
        if not hasattr(request, "cache_validators"):
            request.cache_validators = Validators.for_request(
                request, self.get_cacheable_parameters(), self.get_version_stamp())
        return request.cache_validators

    def _not_modified(self, request):
        return self._validators(request).not_modified(request)

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        if cls.get_version_stamp is not ConditionalCacheMixin.get_version_stamp:
            return view
        stored = StoredAnswers(cls, initkwargs)

        @wraps(view)  # keeps what Django and the schema generator read on it (csrf_exempt, cls, initkwargs)
        def answer(request, *args, **kwargs):
            return stored.answer(request) or view(request, *args, **kwargs)

        return answer

    def get_cacheable_parameters(self) -> set[str]:
        """Query parameters a stored response may vary on: the view's own list when it has one."""
        if hasattr(self, "get_query_parameters"):
            return self.get_query_parameters()
        return {"format"}


JSON = "application/json"
# Accept headers under which DRF's negotiation picks JSON whatever else the view renders (none is "*/*").
JSON_ACCEPTS = ("*/*", JSON)


class StoredAnswers:
    """Answers a view's anonymous JSON GETs from its validators and stored copies, before DRF handles them.

    Served only what DRF would serve the same way: a client without credentials or a session asking for JSON
    (no Accept header, `*/*` or `application/json`), with a canonical query string (unknown or invalid
    parameters are never stored: they reach DRF and its 400). The view's throttles count a stored copy served
    (not a 304, as in DRF's path); a refusal goes to DRF, which answers the 429."""

    def __init__(self, view_class, initkwargs: dict):
        self.view_class, self.initkwargs = view_class, initkwargs

    @cached_property
    def _view(self):
        """The view as a request would set it up (a GET handler answers HEAD too): its response headers."""
        view = self.view_class(**self.initkwargs)
        view.setup(HttpRequest())
        return view

    @cached_property
    def _known_parameters(self) -> set[str]:
        return self._view.get_cacheable_parameters()

    def answer(self, request):
        if not self._anonymous_json_get(request):
            return None
        validators = Validators.for_request(request, self._known_parameters, media_type=JSON)
        if not validators.storable:
            return None
        response = validators.not_modified(request)
        if response is None:
            response = cached_response(validators.cache_key)
            if response is None or not self._allowed(request):
                return None
        for name, value in self._view.default_response_headers.items():
            if name == "Vary":
                patch_vary_headers(response, [value])
            else:
                response[name] = value
        return validators.stamp(response)

    def _anonymous_json_get(self, request) -> bool:
        query = request.GET
        return (request.method == "GET" and "HTTP_AUTHORIZATION" not in request.META
                and settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.user.is_authenticated
                and request.META.get("HTTP_ACCEPT", "*/*").strip() in JSON_ACCEPTS
                and query.get(api_settings.URL_FORMAT_OVERRIDE, "json") == "json")

    def _allowed(self, request) -> bool:
        return all(throttle().allow_request(request, None) for throttle in self.view_class.throttle_classes)
