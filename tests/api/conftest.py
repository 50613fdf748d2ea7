"""Fixtures for the REST API tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _own_empty_cache(settings):
    """Cached responses, the catalog version and throttle history live in the cache: each test
    starts with an empty one of its own. In-process, because CI's Redis is shared by the test
    workers, and clearing it would empty the other worker's cache mid-test."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "api-tests"}}
    cache.clear()


@pytest.fixture
def no_throttling(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None}}


@pytest.fixture
def anon_rate(settings):
    """Set the anonymous rate for one test, e.g. `anon_rate("2/minute")`."""
    def set_rate(rate):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": rate}}
    return set_rate


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(response, key="slug") -> list[str]:
    return [row[key] for row in results(response)]
