"""Downloads over time: each sync that sees a repo's Hub download count move keeps it as that day's count, and the
home page charts the sums; a bundled snapshot is no sync and leaves no history."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.models import DownloadCount, HubRepo, SyncRun
from registry.services.hub_sync import load_hub_snapshot
from tests.registry.sync.conftest import LUCIE, repo

pytestmark = pytest.mark.django_db


def history() -> list[tuple[str, date, int]]:
    return list(DownloadCount.objects.values_list("hub_repo__repo_id", "day", "downloads"))


def test_a_sync_keeps_each_repos_download_count_of_the_day_once(fake_hub, namespace, sync_namespace):
    today = timezone.now().date()
    sync_namespace(namespace)
    first = dict((repo_id, downloads) for repo_id, _, downloads in history())
    fake_hub.set_model_field(LUCIE, "downloads", first[LUCIE] + 500)

    sync_namespace(namespace)
    sync_namespace(namespace)  # nothing moved: nothing written

    assert {day for _, day, _ in history()} == {today}
    assert sorted(repo_id for repo_id, _, _ in history()) == sorted(first)  # one row per repo and day
    assert dict((repo_id, n) for repo_id, _, n in history())[LUCIE] == first[LUCIE] + 500 == repo(LUCIE).downloads


def test_the_home_page_charts_the_downloads_the_syncs_recorded(client, fake_hub, namespace, sync_namespace):
    sync_namespace(namespace)
    total = sum(HubRepo.objects.filter(downloads__isnull=False, project__isnull=False)
                .values_list("downloads", flat=True))

    html = client.get(reverse("registry:home")).content.decode()

    assert "No sync has recorded downloads over time yet" not in html
    assert f"{timezone.now().date():%Y-%m-%d}: {total:,} downloads." in html


def test_a_bundled_snapshot_leaves_no_download_history(db):
    from tests.factories import HubRepoFactory

    HubRepoFactory(repo_id="BSC-LT/salamandra-2b", project__slug="salamandra")

    load_hub_snapshot()

    assert SyncRun.objects.get().trigger == SyncRun.Trigger.SNAPSHOT
    assert HubRepo.objects.get().downloads is not None  # the snapshot wrote its (constructed) count
    assert DownloadCount.objects.count() == 0
