"""Public pages for anonymous visitors: revalidated with ETags, kept whole in the volatile cache, and their
renders throttled per client.

A page an anonymous visitor sees depends only on the catalog version, the language, the absolute URL and
whether htmx asked for the fragment. A digest of those is the ETag and the cache key; the moment of the last
catalog change is Last-Modified. Every write that changes what visitors see bumps the catalog version, in
whatever process it runs (web, worker, admin), so an older page is never served after it. Entries also expire
after PAGE_CACHE_SECONDS (0: pages are not stored), which bounds how old a relative time ("synced 3 minutes
ago") can get.

A request with a session or flash messages, a signed-in visitor, or a page that hands out a CSRF token or sets
a cookie is neither served from the cache nor stored: what it shows belongs to one person. Shared caches in
front (config/nginx.conf) may keep an anonymous page PAGE_SHARED_CACHE_SECONDS, never a personal one.

Only renders are throttled (PAGE_RENDER_RATE per client): a revalidation or a cache hit costs no query,
a render costs the database.
"""

import hashlib
from calendar import timegm
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from api.throttling import PageRenderThrottle
from registry.response_cache import cached_response, canonical_query, store
from registry.services.catalog_version import get_catalog_version

KEPT_HEADERS = ("Content-Type",)
# The request headers a page's content depends on, besides its URL and the visitor's cookies.
FRAGMENT_HEADERS = ("HX-Request", "HX-History-Restore-Request")


def public_page(view=None, *, parameters: frozenset[str] = frozenset()):
    """Serve `view` to anonymous visitors through the page cache. `parameters`: the query parameters whose
    values the page shows; a URL with any other parameter is answered fresh and not stored."""
    if view is None:
        return lambda view: public_page(view, parameters=parameters)

    @wraps(view)
    def page(request, *args, **kwargs):
        if not _anonymous_and_stateless(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        version, changed_at = get_catalog_version()
        query = canonical_query(request.META.get("QUERY_STRING", ""), parameters)
        etag = _etag(request, version, query)
        last_modified = timegm(changed_at.utctimetuple())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        storable = query is not None and settings.PAGE_CACHE_SECONDS > 0
        if response is None and storable:
            response = cached_response(_cache_key(etag))
        if response is None:
            wait = PageRenderThrottle().wait_for(request)
            if wait is not None:
                return _too_many_requests(request, wait)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if not _shareable(request, response):
                patch_cache_control(response, private=True)
                return response
            if storable:
                store(_cache_key(etag), response, kept_headers=KEPT_HEADERS, timeout=settings.PAGE_CACHE_SECONDS)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        # Browsers revalidate every time (a 304 is cheap); shared caches may keep it a few seconds.
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_SHARED_CACHE_SECONDS)
        patch_vary_headers(response, ("Cookie", *FRAGMENT_HEADERS))
        return response

    return page


def _anonymous_and_stateless(request) -> bool:
    cookies = request.COOKIES
    return (request.method in ("GET", "HEAD") and not request.user.is_authenticated
            and settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies)


def _shareable(request, response) -> bool:
    """Whether this response may be shown to any anonymous visitor: a complete 200 that hands out no CSRF token
    and sets no cookie (a session opened by the view, say)."""
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _etag(request, version: str, query: str | None) -> str:
    url = f"{request.build_absolute_uri(request.path)}?{request.META.get('QUERY_STRING', '') if query is None else query}"
    fragment = " ".join(f"{name}={request.headers.get(name, '')}" for name in FRAGMENT_HEADERS)
    variant = f"{version} {request.LANGUAGE_CODE} {url} {fragment}"
    return f'"page-{hashlib.sha256(variant.encode()).hexdigest()[:32]}"'


def _cache_key(etag: str) -> str:
    return f"page:response:{etag.strip(chr(34))}"


def _too_many_requests(request, wait: float):
    response = render(request, "429.html", {"retry_after": round(wait)}, status=429)
    response["Retry-After"] = str(round(wait))
    patch_cache_control(response, private=True, no_store=True)
    return response
