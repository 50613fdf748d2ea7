"""Anonymous rate limiting: a 429 with Retry-After once a client address spends its budget."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """Requests without credentials, per client address (see NUM_PROXIES behind a proxy).

    DRF binds the rates when the class is imported; this reads them on every request so a
    changed setting (and a test's override) takes effect. A rate of None turns throttling off.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
