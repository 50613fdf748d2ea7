"""When to try a failed Hub call again: one policy for Celery tasks and the foreground command."""

import random
import time
from collections.abc import Callable
from typing import TypeVar

from registry.hub import HubError, HubRateLimited, HubUnavailable

# Errors worth another attempt; anything else (404, 400, gated metadata) will not change by waiting.
RETRYABLE = (HubRateLimited, HubUnavailable)
MAX_ATTEMPTS = 6  # the first try and 5 retries
BACKOFF_BASE_SECONDS = 10.0
# A countdown plus the longest task (10 min) stays below the broker's visibility timeout (15 min):
# a message held unacked longer is redelivered while the first copy still waits.
MAX_DELAY_SECONDS = 4 * 60
RATE_LIMIT_JITTER_SECONDS = 5.0

T = TypeVar("T")


def retry_delay(error: HubError, *, attempt: int, rng: random.Random = random) -> float | None:
    """Seconds to wait before retrying after `error` on attempt `attempt` (0 = first), or None: don't.

    A 429 waits for the reset the Hub announced, plus a little jitter so workers do not return in step.
    A 5xx or timeout waits a random time up to an exponentially growing cap ("full jitter").
    """
    if isinstance(error, HubRateLimited):
        return min(error.reset_in_seconds + rng.uniform(0, RATE_LIMIT_JITTER_SECONDS), MAX_DELAY_SECONDS)
    if isinstance(error, HubUnavailable):
        return rng.uniform(0, min(MAX_DELAY_SECONDS, BACKOFF_BASE_SECONDS * 2**attempt))
    return None


def call_with_retries(work: Callable[[], T], *, sleep: Callable[[float], None] | None = None) -> T:
    """Run `work`, retrying it in-process under `retry_delay` (sleeping with `sleep`, default time.sleep);
    re-raises the last error."""
    sleep = sleep or time.sleep
    attempt = 0
    while True:
        try:
            return work()
        except RETRYABLE as error:
            delay = retry_delay(error, attempt=attempt)
            attempt += 1
            if attempt >= MAX_ATTEMPTS:
                raise
            sleep(delay)
