"""Fixtures shared by the whole suite; the fake Hub's fixtures come from the tests.fakehub plugin."""

import pytest
from django.core.cache import caches

from registry import per_version
from registry.services.catalog_loader import load_catalog

pytest_plugins = ["tests.fakehub"]


@pytest.fixture
def seeded_catalog(db):
    """The real seed catalog, loaded as the run command loads it."""
    return load_catalog()


@pytest.fixture(autouse=True)
def _own_volatile_cache(settings):
    """Cached responses and throttle history live in the volatile cache, keyed on the catalog version, which a
    test's rolled-back transaction never bumps: each test gets an empty in-process one of its own (and empty
    process-local copies), or a response cached by an earlier test (with rows that were rolled back) would be
    served. Modules that need another cache set their own settings.CACHES."""
    settings.CACHES = {**settings.CACHES, "volatile": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-volatile"}}
    for alias in ("volatile", "response-copies"):
        if alias in settings.CACHES:
            caches[alias].clear()


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _pages_rendered_fresh_without_limit(settings):
    """Tests write rows directly (factories, `update()`), not through the services that bump the catalog version,
    so a page stored before such a write would be served after it: pages are rendered fresh, except in the page
    cache's own tests, which write through the services; for the same reason no catalog-wide number computed by
    an earlier test is kept. The crawler and the browser tests ask one address for hundreds of pages; the page
    throttle's own tests set a rate."""
    settings.PAGE_CACHE_SECONDS = 0
    per_version.forget()
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**rates, "page-render": None}}
