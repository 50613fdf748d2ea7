"""`manage.py sync_hub`: the foreground sync, with the same services as the tasks (issue point 6)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from registry.models import HubRepo, SyncRun
from tests.factories import HubRepoFactory
from tests.registry.sync.conftest import LUCIE, repo

pytestmark = pytest.mark.django_db


class FakeTerminal(StringIO):
    def isatty(self):
        return True


def sync_hub(*args) -> str:
    out = StringIO()
    call_command("sync_hub", *args, stdout=out)
    return out.getvalue()


def test_a_full_sync_ends_with_a_one_line_summary_and_no_progress_bar_off_a_terminal(fake_hub, namespace):
    output = sync_hub()

    run = SyncRun.objects.get()
    assert output == (f"Sync run {run.pk} ok: {len(fake_hub.requests)} requests, 6 changed, 0 unchanged, "
                      f"0 failed, 1 discovered in {output.rsplit(' in ', 1)[1]}")
    assert run.trigger == "command"


def test_a_progress_bar_is_shown_on_a_terminal(fake_hub, namespace, monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stdout", terminal)

    sync_hub()

    assert "Syncing:" in terminal.getvalue() and "repos" in terminal.getvalue()


def test_the_second_run_reports_nothing_changed_and_one_request_per_listing_page(fake_hub, namespace):
    sync_hub()

    output = sync_hub("--namespace", "OpenLLM-France")

    assert ": 2 requests, 0 changed, 6 unchanged, 0 failed, 0 discovered" in output


def test_one_repo_can_be_synced_by_id_and_type(fake_hub, namespace):
    output = sync_hub("--repo", "OpenLLM-France/Lucie-Training-Dataset", "--type", "dataset")

    assert "1 changed" in output and fake_hub.count("/api/datasets/") == 1
    assert HubRepo.objects.get(repo_type="dataset").sync_status == "ok"
    assert repo(LUCIE).sync_status == "never"


def test_it_reads_hf_endpoint_and_hf_token_from_the_settings(fake_hub, settings):
    settings.HF_TOKEN = "hf_test_token"
    HubRepoFactory(repo_id=LUCIE)

    sync_hub("--repo", LUCIE)

    assert fake_hub.requests and all(request.authenticated for request in fake_hub.requests)


def test_an_unknown_namespace_or_repo_is_refused(namespace):
    with pytest.raises(CommandError, match="No Hub namespace"):
        sync_hub("--namespace", "nobody")
    with pytest.raises(CommandError, match="No Hub model"):
        sync_hub("--repo", "nobody/nothing")


def test_a_run_where_everything_failed_exits_with_an_error(fake_hub, namespace, sleeps):
    fake_hub.fail(None, status=503, times=None)

    with pytest.raises(CommandError, match="namespace OpenLLM-France"):
        sync_hub("--namespace", "OpenLLM-France")

    assert SyncRun.objects.get().status == "failed"
