"""The HubClient the sync uses, configured from settings and held to the shared rate limit."""

from django.conf import settings

from registry.hub import HubClient
from registry.services.hub_sync.ratelimit import HubRateLimiter


def shared_rate_limiter() -> HubRateLimiter:
    """The limiter all workers share: HUB_RATE_LIMIT_CALLS per HUB_RATE_LIMIT_WINDOW_SECONDS."""
    return HubRateLimiter(
        calls=settings.HUB_RATE_LIMIT_CALLS, window_seconds=settings.HUB_RATE_LIMIT_WINDOW_SECONDS
    )


def build_hub_client(*, limiter: HubRateLimiter | None = None) -> HubClient:
    """A HubClient on HF_ENDPOINT with HF_TOKEN, waiting for the rate limiter before each request.

    One client per task or thread: HubClient is not thread-safe.
    """
    limiter = limiter or shared_rate_limiter()
    return HubClient(
        endpoint=settings.HF_ENDPOINT,
        token=settings.HF_TOKEN or None,
        timeout=settings.HUB_TIMEOUT_SECONDS,
        before_request=limiter.acquire,
    )
