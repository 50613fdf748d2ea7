"""A process reuses the catalog version it read for CATALOG_VERSION_MAX_AGE seconds, so that a cache hit costs no
query: its own writes show at once, another process's within that time."""

import pytest
from django.db import connection

from registry.services import catalog_version
from registry.services.catalog_version import READ_STAMP, bump_catalog_version, get_catalog_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch, settings):
    """The monotonic clock the memo reads, moved by hand; the production's one-second reuse."""
    settings.CATALOG_VERSION_MAX_AGE = 1.0
    now = [1000.0]
    monkeypatch.setattr(catalog_version.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(catalog_version, "_remembered", None)
    return now


def written_by_another_process():
    with connection.cursor() as cursor:
        cursor.execute("UPDATE registry_catalogversion SET version = %s WHERE id = %s", ["elsewhere", 1])


def test_the_version_is_read_once_a_second(clock, django_assert_num_queries):
    first = get_catalog_version()
    clock[0] += 0.9
    with django_assert_num_queries(0):
        assert get_catalog_version() == first
    clock[0] += 0.2
    with django_assert_num_queries(1):
        assert get_catalog_version() == first


def test_another_process_s_write_shows_within_the_max_age(clock):
    first = get_catalog_version()
    written_by_another_process()
    assert get_catalog_version() == first
    clock[0] += 1.0
    assert get_catalog_version()[0].startswith("elsewhere.")


def test_this_process_s_own_write_shows_at_once(clock, django_capture_on_commit_callbacks):
    first = get_catalog_version()
    with django_capture_on_commit_callbacks(execute=True):
        bump_catalog_version()
    current = get_catalog_version()
    assert current != first
    with connection.cursor() as cursor:
        cursor.execute(READ_STAMP, [1])
        assert current[0].startswith(f"{cursor.fetchone()[0]}.")


def test_a_max_age_of_zero_reads_it_every_time(settings, django_assert_num_queries):
    settings.CATALOG_VERSION_MAX_AGE = 0
    get_catalog_version()
    with django_assert_num_queries(1):
        get_catalog_version()
