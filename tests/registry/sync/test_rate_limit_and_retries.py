"""All workers stay under one Hub quota, and failed calls are retried as the Hub asks (issue point 3)."""

import random

import pytest
from django.core.cache import cache

from registry.hub import HubError, HubNotFound, HubRateLimited, HubUnavailable
from registry.services.hub_sync import build_hub_client, call_with_retries, retry_delay
from registry.services.hub_sync.ratelimit import HubRateLimiter
from registry.services.hub_sync.retry import MAX_ATTEMPTS, MAX_DELAY_SECONDS


class FakeClock:
    def __init__(self, now=1_000_000.0):
        self.now = now
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def limiter(clock, calls=3, window_seconds=10):
    return HubRateLimiter(calls=calls, window_seconds=window_seconds, cache=cache, clock=clock, sleep=clock.sleep)


def test_the_limiter_lets_the_quota_through_then_waits_for_the_next_window():
    clock = FakeClock(now=1_000_003.0)
    hub = limiter(clock)

    for _ in range(4):
        hub.acquire()

    assert clock.sleeps == [7.0]


def test_the_quota_is_shared_by_every_limiter_on_the_same_cache():
    clock = FakeClock()
    worker_a, worker_b = limiter(clock), limiter(clock)

    worker_a.acquire(), worker_b.acquire(), worker_a.acquire()
    worker_b.acquire()

    assert clock.sleeps == [10.0]


def test_the_client_built_from_settings_waits_for_the_limiter_before_each_request(fake_hub, settings, monkeypatch):
    settings.HUB_RATE_LIMIT_CALLS, settings.HUB_RATE_LIMIT_WINDOW_SECONDS = 1, 3600
    slept = []
    monkeypatch.setattr("time.sleep", lambda seconds: (slept.append(seconds), cache.clear()))
    client = build_hub_client()

    client.model_info("OpenLLM-France/Lucie-7B")
    client.model_info("OpenLLM-France/Lucie-7B")

    assert len(slept) == 1 and fake_hub.count("/api/models/") == 2
    assert client.endpoint == fake_hub.url


def test_a_429_is_retried_after_the_announced_reset_plus_a_little_jitter():
    delays = [retry_delay(HubRateLimited("429", reset_in_seconds=30), attempt=0, rng=random.Random(seed))
              for seed in range(20)]

    assert all(30 <= delay <= 35 for delay in delays) and len(set(delays)) > 1


def test_a_5xx_or_timeout_backs_off_exponentially_with_full_jitter_capped_below_the_visibility_timeout():
    rng = random.Random(1)
    caps = [max(retry_delay(HubUnavailable("503"), attempt=attempt, rng=rng) for _ in range(200))
            for attempt in range(10)]

    assert caps[0] <= 10 and 10 < caps[1] <= 20 and caps[-1] <= MAX_DELAY_SECONDS < 30 * 60
    assert min(retry_delay(HubUnavailable("503"), attempt=3, rng=rng) for _ in range(200)) < 5


@pytest.mark.parametrize("error", [HubNotFound("404"), HubError("400")])
def test_errors_that_waiting_cannot_fix_are_not_retried(error):
    assert retry_delay(error, attempt=0) is None


def test_in_process_retries_give_up_after_max_attempts():
    attempts, slept = [], []

    def failing():
        attempts.append(1)
        raise HubUnavailable("502")

    with pytest.raises(HubUnavailable):
        call_with_retries(failing, sleep=slept.append)

    assert len(attempts) == MAX_ATTEMPTS and len(slept) == MAX_ATTEMPTS - 1
