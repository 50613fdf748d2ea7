"""A run always ends (issue 9, defect 1): whatever escapes a step, the SyncRun is closed with a status
and the error, the repo that caused it is marked failed, and the other repos still sync."""

import json
import os
import signal
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError

from registry.models import HubRepo, SyncRun
from registry.tasks import sync_hub_task
from tests.factories import SyncRunFactory
from tests.registry.sync.conftest import CLAIRE, LUCIE, LUCIE_INSTRUCT, repo

pytestmark = pytest.mark.django_db



class Unhandled(BaseException):
    """What the test's own SIGTERM handler raises: the command must replace it while it runs."""


def interrupt_after(client, requests: int, error: BaseException):
    def before_request():
        if client.requests_made >= requests:
            raise error
    client.before_request = before_request


@pytest.mark.parametrize("body", ["<html><body>Bad gateway</body></html>", '{"id": "OpenLLM-France/Luc'])
def test_a_repo_answering_html_or_truncated_json_fails_alone_and_the_others_sync(
    fake_hub, namespace, sync_repos, body
):
    fake_hub.garble(f"/api/models/{LUCIE}", body=body, times=None)

    run = sync_repos(*HubRepo.objects.filter(repo_id__in=[LUCIE, CLAIRE, LUCIE_INSTRUCT]))

    lucie = repo(LUCIE)
    assert (run.status, run.finished_at is not None, run.repos_failed) == ("partial", True, 1)
    assert run.errors[0]["subject"] == f"repo {LUCIE}"
    assert (lucie.sync_status, lucie.error_count) == ("error", 1)
    assert "JSONDecodeError" in lucie.last_error and lucie.last_error_at >= run.started_at
    assert repo(CLAIRE).sync_status == repo(LUCIE_INSTRUCT).sync_status == "ok"


def test_a_nul_in_one_repos_card_data_is_stripped_and_no_run_stops_at_it(fake_hub, namespace, sync_namespace):
    card = fake_hub.world.get("model", LUCIE).data["cardData"]
    fake_hub.set_model_field(LUCIE, "cardData", card | {"license_name": "lic\x00ence", "no\x00te": ["a\x00"]})

    first, second = sync_namespace(namespace), sync_namespace(namespace)

    lucie = repo(LUCIE)
    assert (first.status, second.status, lucie.sync_status) == ("ok", "ok", "ok")
    assert "\\u0000" not in json.dumps([lucie.card_data, lucie.raw]) and lucie.license_name == "licence"
    assert lucie.card_data["note"] == ["a"]


def test_ctrl_c_closes_the_run_as_failed_with_the_error(namespace, sync_namespace, hub_client):
    interrupt_after(hub_client, 2, KeyboardInterrupt())

    with pytest.raises(KeyboardInterrupt):
        sync_namespace(namespace)

    run = SyncRun.objects.get()
    assert (run.status, run.finished_at is not None) == ("failed", True)
    assert "KeyboardInterrupt" in run.errors[-1]["error"]


def test_sigterm_stops_the_command_and_closes_the_run(namespace, fake_hub, settings, monkeypatch):
    previous = signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(Unhandled()))
    from registry.services.hub_sync import client as client_module

    def kill_on_first_request(**kwargs):
        hub = client_module.HubClient(endpoint=fake_hub.url, token=None)
        hub.before_request = lambda: os.kill(os.getpid(), signal.SIGTERM)
        return hub

    monkeypatch.setattr("registry.management.commands.sync_hub.build_hub_client", kill_on_first_request)
    try:
        with pytest.raises(SystemExit):
            call_command("sync_hub")
    finally:
        signal.signal(signal.SIGTERM, previous)

    run = SyncRun.objects.get()
    assert (run.status, run.finished_at is not None) == ("failed", True)
    assert "SIGTERM" in run.errors[-1]["error"]


def test_redis_going_away_closes_the_run_as_failed_without_blaming_a_repo(namespace, sync_namespace, hub_client):
    interrupt_after(hub_client, 2, RedisConnectionError("Connection refused"))

    with pytest.raises(RedisConnectionError):
        sync_namespace(namespace)

    run = SyncRun.objects.get()
    assert (run.status, run.finished_at is not None) == ("failed", True)
    assert "ConnectionError" in run.errors[-1]["error"]
    assert repo(LUCIE).error_count == 0


@pytest.mark.usefixtures("eager_celery")
def test_a_stale_running_run_blocks_the_schedule_for_at_most_one_interval(namespace, settings):
    stale = SyncRunFactory(status="running", started_at=timezone.now() - timedelta(
        minutes=settings.HUB_SYNC_INTERVAL_MINUTES, seconds=-30))

    assert sync_hub_task.delay().get() is not None
    stale.refresh_from_db()
    assert (stale.status, stale.finished_at is not None) == ("failed", True)


@pytest.mark.usefixtures("eager_celery")
def test_a_running_run_that_recently_made_progress_is_not_abandoned(namespace, settings):
    busy = SyncRunFactory(status="running", started_at=timezone.now() - timedelta(
        minutes=settings.HUB_SYNC_INTERVAL_MINUTES + 5))
    busy.steps.create(key="repo:1", done_at=timezone.now())

    assert sync_hub_task.delay().get() is None
    busy.refresh_from_db()
    assert busy.status == "running"
