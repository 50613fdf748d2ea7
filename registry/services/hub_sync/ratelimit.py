"""A fixed-window limit on Hub calls, shared by every worker through the Django cache.

The Hub counts API calls in fixed 5-minute windows. Each worker asks `acquire()` before every request;
the count lives in the cache (`cache.add` + `cache.incr`, atomic on Redis), so all workers stay together
under one quota. With the in-process LocMem cache the count is per process, which is right for the
foreground command and eager mode, where only one process calls the Hub.
"""

import time
from collections.abc import Callable

from django.core.cache import cache as default_cache
from django.core.cache.backends.base import BaseCache

KEY_PREFIX = "hub-sync:rate"


class HubRateLimiter:
    """Allows `calls` Hub requests per `window_seconds`, windows aligned on the epoch.

    `acquire()` returns at once while the current window has room, else sleeps until the next window
    and tries again. Not a token bucket: up to twice the quota can pass around a window boundary, as
    with the Hub's own windows, whose boundaries we cannot see.
    """

    def __init__(
        self,
        *,
        calls: int,
        window_seconds: float,
        cache: BaseCache = default_cache,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ):
        self.calls = calls
        self.window_seconds = window_seconds
        self._cache = cache
        self._clock = clock or time.time
        self._sleep = sleep or time.sleep

    def acquire(self) -> None:
        """Wait, if need be, until one more request fits in the quota, and count it."""
        while True:
            now = self._clock()
            window = int(now // self.window_seconds)
            if self._take(window):
                return
            self._sleep((window + 1) * self.window_seconds - now)

    def _take(self, window: int) -> bool:
        key = f"{KEY_PREFIX}:{self.window_seconds}:{window}"
        self._cache.add(key, 0, timeout=int(self.window_seconds * 2) + 1)
        try:
            return self._cache.incr(key) <= self.calls
        except ValueError:  # the key expired between add and incr: try the window again
            return False
