"""Rate limiting: anonymous reads (a 429 with Retry-After once an address spends its budget), renders of public
pages, and contributions per account and per address, on the site and the API alike."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, BaseThrottle, SimpleRateThrottle

from registry.volatile_cache import volatile_cache


class ThrottleHistory:
    """The volatile cache as DRF's throttle uses it, where an unreachable cache reads as empty.

    django-redis answers None for a failed read; DRF would take that for a history list.
    So while the cache is down, nobody is throttled: fairness is not worth an outage.
    """

    def get(self, key, default=None):
        value = volatile_cache().get(key)
        return default if value is None else value

    def set(self, key, value, timeout=None):
        volatile_cache().set(key, value, timeout)


class AnonymousRateThrottle(AnonRateThrottle):
    """Requests without credentials, per client address (see `client_address`).

    DRF binds the rates when the class is imported; this reads them on every request so a
    changed setting (and a test's override) takes effect. A rate of None turns throttling off.
    """

    cache = ThrottleHistory()

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class _LiveRateThrottle(SimpleRateThrottle):
    """DRF's throttle, usable from a plain Django view too, reading its rate on every request."""

    cache = ThrottleHistory()

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class PageRenderThrottle(_LiveRateThrottle):
    """Renders of public pages for anonymous visitors, per client address (`registry.page_cache`)."""

    scope = "page-render"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def wait_for(self, request) -> float | None:
        """None if `request` may render a page now (and count it); otherwise the seconds to wait."""
        return None if self.allow_request(request, None) else (self.wait() or 1.0)


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind DJANGO_PROXY_COUNT proxies (NUM_PROXIES) the
    address the outermost of them saw. Shared by the throttle and the admin log-in lockout (axes)."""
    return BaseThrottle().get_ident(request)


class SubmissionAccountThrottle(_LiveRateThrottle):
    """Submissions per signed-in account, whatever address they come from."""

    scope = "submission-account"

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class SubmissionAddressThrottle(_LiveRateThrottle):
    """Submissions per client address, signed in or not (anonymous problem reports included)."""

    scope = "submission-address"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


SUBMISSION_THROTTLES = (SubmissionAccountThrottle, SubmissionAddressThrottle)


def contribution_wait(request) -> float | None:
    """None if `request` may send a contribution now (and count it); otherwise the seconds to wait."""
    throttles = [throttle() for throttle in SUBMISSION_THROTTLES]
    refused = [throttle for throttle in throttles if not throttle.allow_request(request, None)]
    return max((throttle.wait() or 1.0) for throttle in refused) if refused else None
