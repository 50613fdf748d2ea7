"""Two syncs of one repo never run at once, and two concurrent writes of it write once."""

import threading

import pytest
from django.db import connection, connections

from registry.hub import HubClient
from registry.models import ChangeRecord
from registry.services.hub_sync import RepoOutcome, sync_hub_repo
from registry.services.hub_sync.locks import repo_lock
from registry.services.hub_sync.repos import fetch_repo_values
from registry.services.hub_sync.runs import claim_step, start_sync_run
from registry.services.hub_sync.writes import write_repo
from tests.factories import HubRepoFactory, SyncRunFactory
from tests.registry.sync.conftest import LUCIE

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks (SELECT … FOR UPDATE): PostgreSQL only"
)


def in_threads(*targets):
    """Run each target in its own thread (own DB connection); return their results in order."""
    results = [None] * len(targets)

    def run(index, target):
        try:
            results[index] = target()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, target)) for i, target in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_a_repo_lock_is_held_by_one_holder_and_released_only_by_it(db):
    with repo_lock(1) as first, repo_lock(1) as second:
        assert (first, second) == (True, False)
    with repo_lock(1) as again:
        assert again


@pytest.mark.django_db
def test_a_step_is_claimed_once_per_run():
    first, second = SyncRunFactory(), SyncRunFactory()
    claims = [claim_step(run_id=first.pk, key="repo:2"), claim_step(run_id=first.pk, key="repo:2"),
              claim_step(run_id=first.pk, key="repo:3"), claim_step(run_id=second.pk, key="repo:2")]
    assert claims == [True, False, True, True]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_syncs_of_one_repo_make_one_set_of_requests_and_write_once(fake_hub, tmp_path):
    lucie = HubRepoFactory(repo_id=LUCIE)
    run = start_sync_run(trigger="command")
    fake_hub.delay(1.0, target=f"/api/models/{LUCIE}", times=1)  # holds the first sync inside its lock

    def sync(name):
        client = HubClient(endpoint=fake_hub.url, token=None)
        return sync_hub_repo(run=run, repo_pk=lucie.pk, client=client, schedule_detail=lambda pk: None)

    def sync_a_moment_later():
        threading.Event().wait(0.2)
        return sync("b")

    outcomes = in_threads(lambda: sync("a"), sync_a_moment_later)

    # The second finds the lock taken (or, on a very slow machine, the repo already synced in this run).
    writer, other = sorted(outcomes, key=lambda outcome: outcome is not RepoOutcome.CHANGED)
    assert writer is RepoOutcome.CHANGED and other in (RepoOutcome.BUSY, RepoOutcome.SKIPPED)
    assert fake_hub.count(f"/api/models/{LUCIE}") == 1
    assert ChangeRecord.objects.filter(hub_repo=lucie, field="license").count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_writes_of_the_same_fetch_write_once(hub_client):
    lucie = HubRepoFactory(repo_id=LUCIE)
    run = start_sync_run(trigger="command")
    values = fetch_repo_values(repo=lucie, client=hub_client)
    barrier = threading.Barrier(2)

    def write():
        barrier.wait()
        return write_repo(run=run, repo_pk=lucie.pk, values=values, once_per_run=True)

    results = in_threads(write, write)

    assert sorted(result.written for result in results) == [False, True]
    assert ChangeRecord.objects.filter(hub_repo=lucie, field="sha").count() == 1
