"""Every tracked change is kept with the run that saw it, and the openness follows in the same transaction."""

from unittest import mock

import pytest
from django.db import transaction

from registry.models import ChangeRecord, HubRepo, LegAssessment
from registry.services.hub_sync import writes
from registry.services.hub_sync.values import TRACKED_FIELDS
from tests.registry.sync.conftest import LUCIE, LUCIE_DATASET, repo

pytestmark = pytest.mark.django_db


def test_each_tracked_field_that_changes_gets_one_change_record_with_its_sync_run(
    fake_hub, namespace, sync_namespace
):
    sync_namespace(namespace)
    lucie = repo(LUCIE)
    card = lucie.card_data | {"license": "other", "license_name": "lucie-licence",
                              "license_link": "https://example.org/licence", "base_model": "example/base"}
    fake_hub.set_model_field(LUCIE, "cardData", card)
    fake_hub.set_model_field(LUCIE, "gated", "manual")

    run = sync_namespace(namespace)

    hub_facts = ChangeRecord.objects.filter(sync_run=run, hub_repo__repo_id=LUCIE).exclude(field__startswith="leg:")
    changes = {record.field: record for record in hub_facts}
    assert set(changes) == {"license", "license_name", "license_link", "gated", "base_models", "sha"}
    assert set(changes) <= TRACKED_FIELDS
    assert (changes["license"].old_value, changes["license"].new_value) == ("apache-2.0", "other")
    assert changes["base_models"].new_value == ["example/base"]
    assert changes["sha"].project.slug == "lucie"


def test_a_first_sync_records_where_each_tracked_value_came_from(namespace, sync_namespace):
    run = sync_namespace(namespace)

    record = ChangeRecord.objects.get(sync_run=run, hub_repo__repo_id=LUCIE, field="license")
    assert (record.old_value, record.new_value, record.reason) == ("", "apache-2.0", "Seen on the Hub")


def test_a_change_recomputes_the_projects_openness_inside_the_same_transaction(namespace, sync_namespace):
    calls = []

    def spy(*, project, sync_run=None, changed_by=None):
        calls.append((project.slug, sync_run, transaction.get_connection().in_atomic_block))
        return recompute(project=project, sync_run=sync_run, changed_by=changed_by)

    recompute = writes.recompute_project_openness
    with mock.patch.object(writes, "recompute_project_openness", spy):
        run = sync_namespace(namespace)

    assert {slug for slug, _, _ in calls} == {"lucie", "claire"}
    assert all(sync_run == run and in_atomic for _, sync_run, in_atomic in calls)
    assert LegAssessment.objects.filter(project__slug="lucie").exists()
    assert ChangeRecord.objects.filter(sync_run=run, field__startswith="leg:").exists()


def test_a_dataset_change_recomputes_the_projects_whose_models_declare_it(fake_hub, namespace, sync_namespace):
    sync_namespace(namespace)
    HubRepo.objects.filter(repo_id=LUCIE_DATASET).update(project=None)
    fake_hub.set_dataset_field(LUCIE_DATASET, "gated", "manual")

    with mock.patch.object(writes, "recompute_project_openness") as recompute:
        sync_namespace(namespace)

    assert [call.kwargs["project"].slug for call in recompute.call_args_list] == ["lucie"]


def test_a_no_change_sync_recomputes_nothing(namespace, sync_namespace):
    sync_namespace(namespace)

    with mock.patch.object(writes, "recompute_project_openness") as recompute:
        sync_namespace(namespace)

    recompute.assert_not_called()
