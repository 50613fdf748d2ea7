"""Nothing lost (issue point 4): failures keep the last good data and are recorded on the row."""

import pytest
from django.db import transaction

from registry.hub import HubClient
from registry.models import ChangeRecord, HubRepo, RepoType
from registry.services.hub_sync.foreground import FINAL_RETRY_ROUNDS
from registry.services.hub_sync.retry import RATE_LIMIT_JITTER_SECONDS
from tests.factories import HubNamespaceFactory, HubRepoFactory
from tests.registry.sync.conftest import CLAIRE, LUCIE, LUCIE_README, repo

pytestmark = pytest.mark.django_db

BROKEN_CARD = """---
license: apache-2.0
datasets: [OpenLLM-France/Lucie-Training-Dataset
language:
\t- fr
---

# A card whose front matter is malformed
"""


@pytest.fixture
def synced_once(lucie_card_unparsed, namespace, sync_namespace, fake_hub, settings):
    """The namespace synced once; later syncs re-check every repo (no "recently checked" grace)."""
    sync_namespace(namespace)
    settings.HUB_SYNC_INTERVAL_MINUTES = 0
    fake_hub.reset_log()
    return namespace


def commit_upstream(fake_hub, repo_id=LUCIE):
    """A new commit relicensing the repo under MIT (in its tags: Lucie is listed without card data)."""
    tags = [tag for tag in fake_hub.world.get("model", repo_id).data["tags"] if not tag.startswith("license:")]
    fake_hub.set_model_field(repo_id, "tags", [*tags, "license:mit"])


def test_sync_keeps_last_good_data_when_hub_returns_500(fake_hub, synced_once, sync_namespace, sleeps):
    commit_upstream(fake_hub)
    fake_hub.fail(LUCIE_README, status=500, times=None)

    run = sync_namespace(synced_once)

    lucie = repo(LUCIE)
    assert (lucie.license, lucie.sync_status, lucie.error_count) == ("apache-2.0", "error", 1)
    assert "500" in lucie.last_error and lucie.last_error_at >= run.started_at
    lucie_requests = [logged for logged in fake_hub.requests if logged.path == LUCIE_README]
    assert len(lucie_requests) == 1 + FINAL_RETRY_ROUNDS and len(sleeps) == FINAL_RETRY_ROUNDS
    assert (run.status, run.repos_failed, run.errors[0]["subject"]) == ("partial", 1, f"repo {LUCIE}")
    assert not ChangeRecord.objects.filter(sync_run=run).exists()


def test_sync_keeps_last_good_data_when_hub_times_out(fake_hub, synced_once, sync_namespace, tmp_path):
    commit_upstream(fake_hub)
    fake_hub.delay(2.0, target=LUCIE_README)
    impatient = HubClient(endpoint=fake_hub.url, token=None, timeout=0.2)

    run = sync_namespace(synced_once, client=impatient)

    lucie = repo(LUCIE)
    assert (lucie.license, lucie.sync_status) == ("apache-2.0", "error")
    assert "Timeout" in lucie.last_error and run.repos_failed == 1


def test_a_later_success_clears_the_error_state(fake_hub, synced_once, sync_namespace):
    commit_upstream(fake_hub)
    fake_hub.fail(LUCIE_README, status=503, times=1 + FINAL_RETRY_ROUNDS)
    sync_namespace(synced_once)

    run = sync_namespace(synced_once)

    lucie = repo(LUCIE)
    assert (lucie.license, lucie.sync_status, lucie.error_count) == ("mit", "ok", 0)
    assert run.status == "ok"


def test_a_429_waits_for_the_announced_reset_and_then_succeeds(fake_hub, synced_once, sync_namespace, sleeps):
    commit_upstream(fake_hub)
    fake_hub.rate_limit(LUCIE_README, reset_seconds=2, times=1)

    run = sync_namespace(synced_once)

    assert len(sleeps) == 1 and 2 <= sleeps[0] <= 2 + RATE_LIMIT_JITTER_SECONDS
    assert (repo(LUCIE).license, repo(LUCIE).sync_status, run.status) == ("mit", "ok", "ok")
    assert fake_hub.count(LUCIE_README) == 2


def test_a_gated_repo_stays_gated_and_is_never_marked_missing(fake_hub, sync_repos, settings):
    settings.HUB_SYNC_INTERVAL_MINUTES = 0
    apertus = HubRepoFactory(repo_id="swiss-ai/Apertus-8B-2509")

    for _ in range(settings.HUB_MISSING_AFTER_NOT_FOUND + 1):
        run = sync_repos(apertus)

    apertus.refresh_from_db()
    assert (apertus.gated, apertus.sync_status, apertus.not_found_count) == ("auto", "ok", 0)
    assert apertus.license == "apache-2.0" and "gated" in apertus.card_error
    assert run.status == "ok"


def test_a_malformed_card_keeps_the_api_metadata_and_records_a_card_error(fake_hub, sync_repos):
    fake_hub.add_model("example-org/broken-card", {"tags": ["license:apache-2.0"], "downloads": 7}, card=BROKEN_CARD)
    broken = HubRepoFactory(repo_id="example-org/broken-card")

    run = sync_repos(broken)

    broken.refresh_from_db()
    assert (broken.license, broken.downloads, broken.sync_status) == ("apache-2.0", 7, "ok")
    assert broken.card_error.startswith(("ParserError", "ScannerError"))
    assert run.status == "ok"


def test_a_repo_that_answers_404_several_syncs_in_a_row_is_marked_missing_never_deleted(
    fake_hub, synced_once, sync_namespace, settings
):
    fake_hub.remove_repo(CLAIRE)
    for _ in range(settings.HUB_MISSING_AFTER_NOT_FOUND - 1):
        sync_namespace(synced_once)
    assert (repo(CLAIRE).sync_status, repo(CLAIRE).not_found_count) == ("ok", 2)

    run = sync_namespace(synced_once)

    claire = repo(CLAIRE)
    assert (claire.sync_status, claire.license, claire.project.slug) == ("missing", "cc-by-nc-sa-4.0", "claire")
    record = ChangeRecord.objects.get(hub_repo=claire, field="sync_status")
    assert (record.old_value, record.new_value, record.sync_run) == ("ok", "missing", run)


def test_a_missing_repo_costs_no_request_until_the_listing_shows_it_again(
    fake_hub, synced_once, sync_namespace, settings
):
    claire_json = repo(CLAIRE).raw
    fake_hub.remove_repo(CLAIRE)
    for _ in range(settings.HUB_MISSING_AFTER_NOT_FOUND):
        sync_namespace(synced_once)
    fake_hub.reset_log()
    sync_namespace(synced_once)
    assert fake_hub.count(f"/api/models/{CLAIRE}") == 0

    fake_hub.add_model(CLAIRE, claire_json)
    sync_namespace(synced_once)

    assert (repo(CLAIRE).sync_status, repo(CLAIRE).not_found_count) == ("ok", 0)


def test_a_declared_dataset_the_hub_does_not_have_is_counted_not_found_like_any_repo(sync_repos):
    salamandra = HubRepoFactory(repo_id="BSC-LT/salamandra-2b", namespace=HubNamespaceFactory(name="BSC-LT"))

    sync_repos(salamandra)

    datasets = HubRepo.objects.filter(repo_type=RepoType.DATASET)
    assert datasets.count() == 21
    assert set(datasets.values_list("project", "discovered", "not_found_count")) == {(None, False, 1)}


@pytest.mark.django_db(transaction=True)
def test_the_hub_is_never_called_inside_a_database_transaction(fake_hub, namespace, sync_namespace, hub_client):
    in_transaction = []
    hub_client.before_request = lambda: in_transaction.append(transaction.get_connection().in_atomic_block)

    sync_namespace(namespace)
    commit_upstream(fake_hub)
    sync_namespace(namespace)

    assert len(in_transaction) == len(fake_hub.requests) > 0
    assert not any(in_transaction)

