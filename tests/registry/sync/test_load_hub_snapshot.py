"""`manage.py load_hub_snapshot`: the dated offline snapshot, through the sync's own write path (issue point 8)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from registry.models import ChangeRecord, HubRepo, SyncRun
from registry.services.hub_sync.snapshot import SNAPSHOT_FILE
from tests.registry.sync.conftest import CLAIRE_MISTRAL, LUCIE, repo

pytestmark = pytest.mark.django_db

SNAPSHOT = json.loads(SNAPSHOT_FILE.read_text(encoding="utf-8"))


def load_snapshot(*args) -> str:
    out = StringIO()
    call_command("load_hub_snapshot", *args, stdout=out)
    return out.getvalue()


def test_the_bundled_snapshot_is_dated_and_says_its_counts_are_illustrative():
    assert SNAPSHOT["snapshot_date"] and "illustrative, not live" in SNAPSHOT["note"]
    assert {entry["repo_id"] for entry in SNAPSHOT["repos"]} >= {LUCIE, "swiss-ai/Apertus-8B-2509"}


def test_loading_fills_the_registrys_repos_under_a_dated_snapshot_run(namespace):
    output = load_snapshot()

    lucie = repo(LUCIE)
    assert (lucie.sync_status, lucie.license, lucie.last_synced_at) == ("snapshot", "apache-2.0", None)
    run = SyncRun.objects.get()
    assert (run.trigger, run.status) == ("snapshot", "ok")
    assert run.note.startswith(f"Bundled Hub snapshot of {SNAPSHOT['snapshot_date']}")
    assert ChangeRecord.objects.filter(sync_run=run, hub_repo=lucie, field="license").exists()
    assert not HubRepo.objects.filter(repo_id=CLAIRE_MISTRAL).exists()  # the snapshot adds no repo
    assert output.startswith(f"Hub snapshot of {SNAPSHOT['snapshot_date']}: 5 repos written")


def test_loading_twice_changes_nothing(namespace):
    load_snapshot()
    updated_at = dict(HubRepo.objects.values_list("pk", "updated_at"))
    changes = ChangeRecord.objects.count()

    output = load_snapshot()

    assert dict(HubRepo.objects.values_list("pk", "updated_at")) == updated_at
    assert (ChangeRecord.objects.count(), SyncRun.objects.count()) == (changes, 1)
    assert "0 repos written, 5 unchanged" in output


def test_the_snapshot_never_overwrites_data_fetched_from_the_hub(namespace, sync_namespace):
    sync_namespace(namespace)

    load_snapshot()

    assert repo(LUCIE).sync_status == "ok"


def test_a_sync_then_replaces_snapshot_data_without_recording_unchanged_facts(fake_hub, namespace, sync_namespace):
    load_snapshot()

    run = sync_namespace(namespace)

    assert repo(LUCIE).sync_status == "ok"
    assert not ChangeRecord.objects.filter(sync_run=run, hub_repo__repo_id=LUCIE, field="license").exists()


def test_an_unreadable_snapshot_loads_nothing(tmp_path, namespace):
    broken = tmp_path / "snapshot.json"
    broken.write_text("{}")

    with pytest.raises(CommandError, match="missing note, repos, snapshot_date"):
        load_snapshot("--file", str(broken))
    assert not SyncRun.objects.exists()
