"""A namespace sync: one listing per namespace, detailed requests only for what changed (issue point 2)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import ChangeRecord, HubRepo, RepoType, SyncRun
from tests.registry.sync.conftest import (
    CLAIRE,
    CLAIRE_MISTRAL,
    LUCIE,
    LUCIE_DATASET,
    LUCIE_INSTRUCT,
    repo,
    writes,
)

pytestmark = pytest.mark.django_db

LISTINGS = ["/api/models", "/api/datasets"]


def per_repo_requests(fake_hub) -> list[str]:
    return [request.path for request in fake_hub.requests if request.path not in LISTINGS]


def test_a_first_sync_reads_each_repo_from_its_listing_row_and_asks_only_for_a_dataset_never_seen(
    fake_hub, namespace, sync_namespace
):
    run = sync_namespace(namespace)

    lucie = repo(LUCIE)
    assert (lucie.sync_status, lucie.license) == ("ok", "apache-2.0")
    assert lucie.sha == "8d4b723ae22a1ec7c4f15027569866a014c42445"
    assert lucie.datasets == [LUCIE_DATASET] and lucie.parameters == 6_706_958_336
    # Every model's listing row carries parsed card data: no model_info, no README. The dataset Lucie declares
    # is read before the dataset listing comes, once.
    assert per_repo_requests(fake_hub) == [f"/api/datasets/{LUCIE_DATASET}"]
    assert (run.status, run.requests_made) == ("ok", len(fake_hub.requests))


def test_a_second_sync_with_no_upstream_change_writes_nothing_and_makes_no_per_repo_requests(
    fake_hub, namespace, sync_namespace
):
    """Apart from the run's own row and the namespace's last_listed_at, nothing is written: no UPDATE at all."""
    sync_namespace(namespace)
    updated_at = dict(HubRepo.objects.values_list("repo_id", "updated_at"))
    fake_hub.reset_log()

    with CaptureQueriesContext(connection) as queries:
        run = sync_namespace(namespace)

    assert writes(queries.captured_queries) == []
    assert dict(HubRepo.objects.values_list("repo_id", "updated_at")) == updated_at
    assert [request.path for request in fake_hub.requests] == LISTINGS  # one request per listing page
    assert (run.requests_made, run.repos_changed, run.repos_unchanged) == (2, 0, 6)


def test_a_namespace_lists_one_page_per_thousand_repos_however_many_changed(fake_hub, namespace, sync_namespace):
    fake_hub.page_size = 2
    sync_namespace(namespace)
    fake_hub.reset_log()

    run = sync_namespace(namespace)

    assert fake_hub.count("/api/models") == 3 and per_repo_requests(fake_hub) == []
    assert run.requests_made == 4


def test_a_new_commit_is_read_from_its_listing_row_and_its_tracked_changes_recorded_with_the_run(
    fake_hub, namespace, sync_namespace
):
    sync_namespace(namespace)
    card = repo(LUCIE).card_data | {"license": "cc-by-nc-4.0"}
    fake_hub.set_model_field(LUCIE, "cardData", card)
    fake_hub.reset_log()

    run = sync_namespace(namespace)

    assert per_repo_requests(fake_hub) == []  # the listing row says all model_info would
    changes = dict(ChangeRecord.objects.filter(sync_run=run, hub_repo__repo_id=LUCIE).values_list("field", "new_value"))
    assert changes["license"] == "cc-by-nc-4.0" and changes["sha"] == repo(LUCIE).sha
    assert "downloads" not in changes and "raw" not in changes
    assert (run.repos_changed, run.repos_unchanged) == (1, 5)


def test_counter_only_changes_are_written_without_history_and_do_not_count_as_changed(
    fake_hub, namespace, sync_namespace
):
    sync_namespace(namespace)
    fake_hub.set_model_field(CLAIRE, "downloads", 99_999)
    fake_hub.set_model_field(CLAIRE, "likes", 1_234)
    fake_hub.reset_log()

    run = sync_namespace(namespace)

    claire = repo(CLAIRE)
    assert (claire.downloads, claire.likes, claire.raw["downloads"]) == (99_999, 1_234, 99_999)
    assert not ChangeRecord.objects.filter(sync_run=run).exists()
    assert per_repo_requests(fake_hub) == []
    assert (run.repos_changed, run.repos_unchanged) == (0, 6)


def test_a_gate_switched_on_without_a_commit_is_recorded_from_the_listing_alone(fake_hub, namespace, sync_namespace):
    sync_namespace(namespace)
    fake_hub.set_model_field(LUCIE_INSTRUCT, "gated", "manual")
    fake_hub.reset_log()

    run = sync_namespace(namespace)

    assert repo(LUCIE_INSTRUCT).gated == "manual"
    record = ChangeRecord.objects.get(sync_run=run, field="gated")
    assert (record.old_value, record.new_value, record.hub_repo.repo_id) == ("no", "manual", LUCIE_INSTRUCT)
    assert per_repo_requests(fake_hub) == [] and run.repos_changed == 1


def test_a_new_repo_of_a_tracked_namespace_is_recorded_as_discovered_without_a_project(namespace, sync_namespace):
    run = sync_namespace(namespace)

    mistral = repo(CLAIRE_MISTRAL)
    assert (mistral.discovered, mistral.project, mistral.namespace) == (True, None, namespace)
    assert mistral.sync_status == "ok" and mistral.license == "cc-by-nc-sa-4.0"
    assert run.repos_discovered == 1


def test_a_declared_training_dataset_is_synced_once_even_when_also_listed(fake_hub, namespace, sync_namespace):
    sync_namespace(namespace)

    assert fake_hub.count(f"/api/datasets/{LUCIE_DATASET}") == 1
    assert repo(LUCIE_DATASET, RepoType.DATASET).license == "cc-by-nc-sa-4.0"


def test_the_run_records_what_it_looked_at_and_what_it_cost(fake_hub, namespace, sync_namespace):
    run = sync_namespace(namespace)

    run = SyncRun.objects.get(pk=run.pk)
    assert run.namespaces == ["OpenLLM-France"] and run.trigger == "command"
    assert run.started_at <= run.finished_at and run.pending_tasks == 0
    # 2 listing pages and the declared dataset's info (the listing rows carry the rest).
    assert run.requests_made == len(fake_hub.requests) == 2 + 1
    assert (run.repos_changed, run.repos_unchanged, run.repos_failed, run.repos_discovered) == (6, 0, 0, 1)
    namespace.refresh_from_db()
    assert namespace.last_listed_at >= run.started_at


def test_a_listed_repo_whose_card_the_hub_could_not_parse_costs_one_readme_get(fake_hub, namespace, sync_namespace):
    fake_hub.set_model_field(LUCIE, "cardData", None)

    sync_namespace(namespace)

    readme = f"/{LUCIE}/resolve/main/README.md"
    assert per_repo_requests(fake_hub) == [readme, f"/api/datasets/{LUCIE_DATASET}"]
    assert fake_hub.count(readme, method="HEAD") == 0 and repo(LUCIE).card_error == ""
