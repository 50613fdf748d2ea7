"""Catalog-wide numbers are computed once per catalog version in a process, and again after PAGE_CACHE_SECONDS."""

import pytest

from registry import per_version
from registry.per_version import per_catalog_version
from registry.services import catalog_version
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(monkeypatch, settings):
    """A catalog version and a monotonic clock moved by hand; pages kept five minutes, as in production."""
    settings.PAGE_CACHE_SECONDS = 300
    state = {"version": "v1", "now": 1000.0}
    monkeypatch.setattr(per_version, "get_catalog_version", lambda: (state["version"], None))
    monkeypatch.setattr(per_version.time, "monotonic", lambda: state["now"])
    return state


@pytest.fixture
def counted():
    calls = []

    @per_catalog_version
    def count():
        calls.append(1)
        return len(calls)

    return count


def test_a_number_is_computed_once_per_catalog_version(world, counted):
    assert [counted(), counted()] == [1, 1]
    world["version"] = "v2"
    assert [counted(), counted()] == [2, 2]


def test_it_is_computed_again_after_the_page_cache_s_lifetime(world, counted):
    assert counted() == 1
    world["now"] += 299
    assert counted() == 1
    world["now"] += 1
    assert counted() == 2


def test_without_a_page_cache_it_is_computed_every_time(world, counted, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert [counted(), counted()] == [1, 2]


def test_the_grid_s_second_render_in_a_catalog_version_does_not_count_the_catalog_again(
        client, settings, django_assert_max_num_queries, monkeypatch):
    settings.PAGE_CACHE_SECONDS, settings.CATALOG_VERSION_MAX_AGE = 300, 60  # as in production
    monkeypatch.setattr(catalog_version, "_remembered", None)
    ProjectFactory.create_batch(3, kind="model-family")
    client.get("/grid/")
    with django_assert_max_num_queries(2):  # the page's rows and their organisations; no summary, no countries
        assert client.get("/grid/?sort=-name").status_code == 200


def test_a_write_that_bumps_the_catalog_version_shows_in_the_numbers_at_once(
        client, settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS, settings.CATALOG_VERSION_MAX_AGE = 300, 60  # as in production
    monkeypatch.setattr(catalog_version, "_remembered", None)
    ProjectFactory.create_batch(2, kind="model-family")
    assert "All 2 model families" in client.get("/grid/").content.decode()

    ProjectFactory(kind="model-family")
    assert "All 2 model families" in client.get("/grid/").content.decode()  # no new version yet
    with django_capture_on_commit_callbacks(execute=True):
        catalog_version.bump_catalog_version()  # as every service that writes does

    assert "All 3 model families" in client.get("/grid/").content.decode()
