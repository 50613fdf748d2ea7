"""Fixtures shared by the whole suite; the fake Hub's fixtures come from the tests.fakehub plugin."""

import pytest

from registry.services.catalog_loader import load_catalog

pytest_plugins = ["tests.fakehub"]


@pytest.fixture
def seeded_catalog(db):
    """The real seed catalog, loaded as the run command loads it."""
    return load_catalog()


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
