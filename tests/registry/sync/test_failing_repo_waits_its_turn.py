"""A repo that keeps failing never delays the others (issue 9, defect 2): it is retried once the
others are done, a bounded number of times with short waits, and then left to the next run."""

import pytest

from registry.services.hub_sync.foreground import FINAL_RETRY_ROUNDS, MAX_FINAL_RETRY_WAIT_SECONDS
from tests.registry.sync.conftest import CLAIRE, LUCIE, LUCIE_README, repo

pytestmark = pytest.mark.django_db



def info_requests(fake_hub) -> list[str]:
    """Each repo's own requests: metadata and README."""
    return [logged.path for logged in fake_hub.requests
            if logged.path.startswith(("/api/models/", "/api/datasets/")) or "/resolve/" in logged.path]


def test_a_repo_that_keeps_answering_503_is_retried_after_the_others_within_a_bound(lucie_card_unparsed,
    fake_hub, namespace, sync_namespace, sleeps
):
    fake_hub.set_model_field(CLAIRE, "cardData", None)  # another repo with a request of its own
    fake_hub.fail(LUCIE_README, status=503, times=None)

    run = sync_namespace(namespace)

    paths = info_requests(fake_hub)
    others = [index for index, path in enumerate(paths) if path != LUCIE_README]
    lucie = [index for index, path in enumerate(paths) if path == LUCIE_README]
    assert len(lucie) == 1 + FINAL_RETRY_ROUNDS and lucie[1] > max(others)
    assert len(sleeps) <= FINAL_RETRY_ROUNDS and sum(sleeps) <= FINAL_RETRY_ROUNDS * MAX_FINAL_RETRY_WAIT_SECONDS
    assert (run.status, run.repos_failed, repo(LUCIE).error_count) == ("partial", 1, 1)
    assert repo(CLAIRE).sync_status == "ok"


def test_a_repo_that_recovers_during_the_final_retries_is_synced_in_the_same_run(lucie_card_unparsed,
    fake_hub, namespace, sync_namespace, sleeps
):
    fake_hub.fail(LUCIE_README, status=503, times=1)

    run = sync_namespace(namespace)

    assert (run.status, run.repos_failed, repo(LUCIE).sync_status, repo(LUCIE).error_count) == ("ok", 0, "ok", 0)
    assert info_requests(fake_hub).count(LUCIE_README) == 2 and len(sleeps) == 1


def test_a_namespace_whose_listing_keeps_failing_does_not_hold_the_run(fake_hub, namespace, sync_namespace, sleeps):
    fake_hub.fail("/api/models", status=503, times=None)

    run = sync_namespace(namespace)

    assert run.status == "failed" and run.errors[0]["subject"] == "namespace OpenLLM-France"
    # huggingface_hub tries each listing page 6 times itself; we add FINAL_RETRY_ROUNDS attempts at the end.
    assert fake_hub.count("/api/models") == 6 * (1 + FINAL_RETRY_ROUNDS)
