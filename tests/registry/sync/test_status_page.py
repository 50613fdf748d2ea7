"""The public status page shows recent runs and the repos in trouble (issue point 5)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registry.models import DataOrigin, HubRepo
from tests.factories import HubRepoFactory, SyncRunFactory

pytestmark = pytest.mark.django_db


def make_trouble(count: int) -> None:
    for _ in range(count):
        SyncRunFactory(requests_made=54, repos_changed=3,
                       errors=[{"subject": "repo x/y", "error": "HubUnavailable: 503"}])
        HubRepoFactory(sync_status=HubRepo.SyncStatus.ERROR, last_error="HubUnavailable: 503",
                       last_error_at=timezone.now(), error_count=2)
        HubRepoFactory(sync_status=HubRepo.SyncStatus.MISSING, project=None, not_found_count=3,
                       last_error="Not found on the Hub (3 in a row)", last_error_at=timezone.now())


def test_the_status_page_lists_runs_and_repos_in_error_or_missing(client):
    make_trouble(1)
    HubRepoFactory(repo_id="fine/repo", sync_status=HubRepo.SyncStatus.OK)

    response = client.get(reverse("registry:sync-status"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<td data-label="Requests">54</td>' in html and "repo x/y: HubUnavailable: 503" in html
    assert "Last sync failed" in html and "Missing from the Hub" in html and "fine/repo" not in html
    assert "style=" not in html and "<script" not in html  # strict CSP


def test_the_status_page_says_when_hub_data_comes_from_the_snapshot(client):
    SyncRunFactory(trigger="snapshot", note="Bundled Hub snapshot of 2026-11-26: illustrative",
                   finished_at=timezone.now())

    html = client.get(reverse("registry:sync-status")).content.decode()

    assert "Hub metadata comes from the bundled snapshot (Bundled Hub snapshot of 2026-11-26" in html


def test_the_status_page_says_what_the_hub_data_is_and_that_no_live_sync_ran(client):
    SyncRunFactory(trigger="snapshot", note="Bundled Hub snapshot of 2026-11-26: illustrative", finished_at=timezone.now())
    HubRepoFactory(data_origin=DataOrigin.CONSTRUCTED, sync_status=HubRepo.SyncStatus.SNAPSHOT)
    HubRepoFactory.create_batch(2, data_origin=DataOrigin.CARD_COPY, sync_status=HubRepo.SyncStatus.SNAPSHOT)
    HubRepoFactory()

    html = client.get(reverse("registry:sync-status")).content.decode()

    assert "No sync has read the live Hugging Face Hub yet." in html
    assert "4 Hub repositories are tracked." in html
    assert "2 hold real model-card front matter" in html
    assert "1 holds constructed demo values from the snapshot bundled with the code" in html
    assert "1 has no Hub metadata yet." in html and "read from the Hub by a sync" not in html


def test_the_status_page_counts_repos_a_live_sync_read(client):
    SyncRunFactory(trigger="schedule", finished_at=timezone.now())
    HubRepoFactory(data_origin=DataOrigin.HUB, sync_status=HubRepo.SyncStatus.OK)

    html = client.get(reverse("registry:sync-status")).content.decode()

    assert "No sync has read the live" not in html and "1 was read from the Hub by a sync." in html


def test_the_status_page_query_count_does_not_grow_with_runs_or_repos(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("registry:sync-status")).status_code == 200
        return len(context.captured_queries)

    make_trouble(2)
    few = queries()
    make_trouble(20)

    assert queries() == few <= 8
