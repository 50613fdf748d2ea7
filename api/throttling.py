"""Anonymous rate limiting: a 429 with Retry-After once a client address spends its budget."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, BaseThrottle

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


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind DJANGO_PROXY_COUNT proxies (NUM_PROXIES) the
    address the outermost of them saw. Shared by the throttle and the admin log-in lockout (axes)."""
    return BaseThrottle().get_ident(request)
