"""Rate limiting: anonymous reads (a 429 with Retry-After once an address spends its budget), renders of public
pages, and contributions per account and per address, on the site and the API alike."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, BaseThrottle, SimpleRateThrottle

from registry.volatile_cache import volatile_cache


class CountingThrottle(SimpleRateThrottle):
    """DRF's throttle interface over a counter: a client's first request opens a window of the rate's period,
    and the client may send `num_requests` in it. A rate of None turns throttling off; the rate is read on
    every request, so a changed setting (and a test's override) takes effect.

    DRF's own SimpleRateThrottle keeps the time of every request of the period in one cache entry, read and
    written whole on each request, so its cost grows with the rate allowed (a client allowed 400 requests a
    second would move an entry of 24,000 times twice per request). A counter costs one atomic increment.
    While the volatile cache is unreachable nobody is throttled: fairness is not worth an outage.
    """

    # Not DRF's "throttle_…" keys: a history list left by an earlier release must not meet an increment.
    cache_format = "throttle-count_%(scope)s_%(ident)s"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        count = self._count()
        return count is None or count <= self.num_requests

    def _count(self) -> int | None:
        """This request's number in its client's window; None when the cache cannot tell."""
        cache = volatile_cache()
        try:
            return cache.incr(self.key)
        except ValueError:  # no window open: this request opens one (or another process just did)
            if cache.add(self.key, 1, self.duration):
                cache.set(self._opened_key, self.timer(), self.duration)
                return 1
            try:
                return cache.incr(self.key)
            except ValueError:
                return None

    def wait(self) -> float:
        """Seconds until the client's window closes."""
        opened = volatile_cache().get(self._opened_key)
        return self.duration if opened is None else max(0.0, opened + self.duration - self.timer())

    @property
    def _opened_key(self) -> str:
        return f"{self.key}:opened"


class AnonymousRateThrottle(CountingThrottle, AnonRateThrottle):
    """Requests without credentials, per client address (see `client_address`)."""


class PageRenderThrottle(CountingThrottle):
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


class SubmissionAccountThrottle(CountingThrottle):
    """Submissions per signed-in account, whatever address they come from."""

    scope = "submission-account"

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class SubmissionAddressThrottle(CountingThrottle):
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
