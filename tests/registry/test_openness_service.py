"""Recomputing openness: legs computed from the stored evidence and kept with their history.
Moderators' overrides and review flags are specified in test_moderation."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import ChangeRecord, HubRepo, LegAssessment, Project
from registry.services.catalog_loader import load_catalog
from registry.services.catalog_version import get_catalog_version
from registry.services.hub_sync.repos import declared_datasets_to_sync
from registry.services.openness import recompute_all_openness, recompute_project_openness
from tests.factories import (
    DatasetRepoFactory,
    EvidenceFactory,
    HubRepoFactory,
    IndexAssessmentFactory,
    ProjectFactory,
    SyncRunFactory,
    recompute,
    synced,
    synced_from_fixture,
)

pytestmark = pytest.mark.django_db
SEEDED_HUB_REPOS = [
    "OpenLLM-France/Lucie-7B",
    "OpenLLM-France/Claire-7B-0.1",
    "BSC-LT/salamandra-2b",
    "utter-project/EuroLLM-9B",
    "swiss-ai/Apertus-8B-2509",
    "mistralai/Mistral-Large-Instruct-2407",
    "OpenLLM-France/Lucie-Training-Dataset",
]



def legs(subject) -> dict:
    return {row.leg: row.value for row in LegAssessment.objects.filter(**_subject(subject))}


def leg(subject, name) -> LegAssessment:
    return LegAssessment.objects.get(leg=name, **_subject(subject))


def _subject(subject):
    return {"project": subject} if isinstance(subject, Project) else {"hub_repo": subject}


def open_model_repo(project, repo_id="example-org/open-model", **fields):
    """A synced model repository under Apache-2.0, without a gate, with weight files."""
    return synced(HubRepoFactory(project=project, repo_id=repo_id), license="apache-2.0", **fields)


@pytest.fixture
def sync_seeded_repos(seeded_catalog):
    for repo_id in SEEDED_HUB_REPOS:
        synced_from_fixture(HubRepo.objects.get(repo_id=repo_id))


# --- The seeded catalog -----------------------------------------------------------------------


SEEDED_VERDICTS = [
    ("lucie", {"code": "open", "model": "open", "corpus": "partial"}),
    ("claire", {"code": "partial", "model": "open", "corpus": "unknown"}),
    ("salamandra", {"code": "open", "model": "open", "corpus": "partial"}),
    ("eurollm", {"code": "unknown", "model": "open", "corpus": "partial"}),
    ("apertus", {"code": "open", "model": "open", "corpus": "open"}),
    ("mistral-large-3", {"code": "partial", "model": "unknown", "corpus": "unknown"}),
]


@pytest.mark.parametrize(("slug", "expected"), SEEDED_VERDICTS)
def test_before_any_sync_the_curated_facts_decide_the_seeded_legs(seeded_catalog, slug, expected):
    recompute_all_openness()

    assert legs(Project.objects.get(slug=slug)) == expected


def test_osai_ratings_are_shown_once_each_with_their_cc_by_attribution(seeded_catalog):
    recompute_all_openness()

    corpus = leg(Project.objects.get(slug="lucie"), "corpus")
    osai_facts = [fact for fact in corpus.facts if fact["source"].startswith("osai-index:")]
    assert sorted(fact["source"] for fact in osai_facts) == [
        "osai-index:datasources_basemodel", "osai-index:datasources_endmodel"]
    assert all("CC-BY-4.0" in fact["attribution"] for fact in osai_facts)


@pytest.mark.parametrize(("slug", "expected"), SEEDED_VERDICTS)
def test_a_hub_sync_of_the_same_facts_keeps_the_seeded_legs(sync_seeded_repos, slug, expected):
    recompute_all_openness()

    assert legs(Project.objects.get(slug=slug)) == expected


def test_lucie_has_open_weights_with_its_non_commercial_request_as_a_caveat(sync_seeded_repos):
    recompute_all_openness()

    model = leg(Project.objects.get(slug="lucie"), "model")
    assert model.value == "open"
    assert any("non-commercial purposes" in caveat and "not a licence term" in caveat for caveat in model.caveats)
    assert any("Licence contamination" in warning for warning in model.warnings)


def test_claire_0_1_is_restricted_and_its_prose_only_training_data_keeps_its_corpus_provisional(sync_seeded_repos):
    recompute_all_openness()

    claire = HubRepo.objects.get(repo_id="OpenLLM-France/Claire-7B-0.1")
    assert legs(claire)["model"] == "partial"
    corpus = leg(claire, "corpus")
    assert corpus.value == "partial"
    assert any(caveat.startswith("Provisional") for caveat in corpus.caveats)
    assert any("Claire-Dialogue-French-0.1" in fact["shows"] for fact in corpus.facts)


def test_claire_shows_open_weights_once_its_apache_variant_is_read(sync_seeded_repos):
    synced(HubRepo.objects.get(repo_id="OpenLLM-France/Claire-7B-Apache-0.1"), license="apache-2.0")

    recompute_all_openness()

    model = leg(Project.objects.get(slug="claire"), "model")
    assert model.value == "open"
    assert any("Claire-7B-0.1: partial" in caveat for caveat in model.caveats)


def test_the_curated_prose_notes_are_loaded_idempotently(seeded_catalog):
    lucie = HubRepo.objects.get(repo_id="OpenLLM-France/Lucie-7B")
    assert "non-commercial" in lucie.usage_requests[0]["quote"]
    assert lucie.usage_requests[0]["url"] == "https://huggingface.co/OpenLLM-France/Lucie-7B"

    report = load_catalog()

    assert report.outcomes[("hub repos", "updated")] == 0


# --- Recomputing --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_recompute_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError, match="atomic"):
        recompute_project_openness(project=ProjectFactory())


def test_a_repository_the_hub_has_not_answered_for_has_unknown_legs_saying_so():
    repo = HubRepoFactory()

    recompute(repo.project)

    assert legs(repo) == {"code": "unknown", "model": "unknown", "corpus": "unknown"}
    assert leg(repo, "model").reason == "not read from the Hub yet"


def test_a_leg_change_is_recorded_with_its_sync_run_old_and_new_value_and_reason():
    project = ProjectFactory()
    repo = open_model_repo(project)
    sync_run = SyncRunFactory()

    records = recompute(project, sync_run=sync_run)

    change = next(r for r in records if r.field == "leg:model" and r.hub_repo_id is None)
    assert (change.old_value, change.new_value, change.sync_run) == ("unknown", "open", sync_run)
    assert "apache-2.0" in change.reason
    assert ChangeRecord.objects.filter(hub_repo=repo, field="leg:model", project=project).exists()


def test_a_recompute_over_unchanged_evidence_writes_nothing():
    project = ProjectFactory()
    open_model_repo(project)
    recompute(project)

    with CaptureQueriesContext(connection) as queries:
        records = recompute(project)

    writes = [q["sql"] for q in queries.captured_queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert records == [] and writes == []


def test_the_catalog_version_moves_only_when_something_changed(django_capture_on_commit_callbacks):
    project = ProjectFactory()
    open_model_repo(project)
    with django_capture_on_commit_callbacks(execute=True):
        recompute(project)
    version = get_catalog_version()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        recompute(project)

    assert callbacks == [] and get_catalog_version() == version


def test_recompute_queries_do_not_grow_with_the_number_of_checkpoints():
    def queries_for_second_recompute(project):
        recompute(project)
        with CaptureQueriesContext(connection) as queries:
            recompute(project)
        return len(queries.captured_queries)

    small, large = ProjectFactory(), ProjectFactory()
    for number in range(2):
        open_model_repo(small, f"org/small-{number}", datasets=[f"org/data-{number}"], base_models=["org/base"])
    for number in range(8):
        open_model_repo(large, f"org/large-{number}", datasets=[f"org/data-{number}"], base_models=["org/base"])
    open_model_repo(ProjectFactory(), "org/base")

    assert queries_for_second_recompute(small) == queries_for_second_recompute(large) <= 14


def test_a_declared_dataset_the_hub_does_not_have_makes_the_corpus_partial():
    project = ProjectFactory()
    repo = open_model_repo(project, datasets=["org/gone"])
    DatasetRepoFactory(repo_id="org/gone", sync_status=HubRepo.SyncStatus.MISSING)

    recompute(project)

    assert legs(repo)["corpus"] == "partial"


def test_a_declared_dataset_not_in_the_registry_leaves_the_corpus_unknown():
    project = ProjectFactory()
    repo = open_model_repo(project, datasets=["org/never-seen"])

    recompute(project)

    assert legs(repo)["corpus"] == "unknown"
    assert "has not been checked yet" in leg(repo, "corpus").reason


def test_a_public_declared_dataset_makes_the_corpus_open():
    project = ProjectFactory()
    repo = open_model_repo(project, datasets=["org/public"])
    synced(DatasetRepoFactory(repo_id="org/public"), license="odc-by")

    recompute(project)

    assert legs(repo)["corpus"] == "open"


def test_a_fine_tune_inherits_the_stored_corpus_of_its_base_model_in_another_project():
    synced(DatasetRepoFactory(repo_id="org/public"), license="odc-by")
    base_project, tune_project = ProjectFactory(), ProjectFactory()
    open_model_repo(base_project, "org/base", datasets=["org/public"])
    tune = open_model_repo(tune_project, "org/tune", datasets=["org/public"], base_models=["org/base"])
    recompute(base_project)

    recompute(tune_project)

    assert legs(tune)["corpus"] == "open"
    assert any(fact["source"] == "base-model:org/base" for fact in leg(tune, "corpus").facts)


def test_a_base_model_in_the_same_project_is_assessed_before_its_fine_tune():
    synced(DatasetRepoFactory(repo_id="org/public"), license="odc-by")
    project = ProjectFactory()
    tune = open_model_repo(project, "org/tune", datasets=["org/public"], base_models=["org/base"])
    open_model_repo(project, "org/base", datasets=["org/public"])

    recompute(project)

    assert legs(tune)["corpus"] == "open"


def test_a_statement_about_one_repository_decides_a_leg_its_hub_data_leaves_unknown():
    project = ProjectFactory()
    repo = open_model_repo(project, raw={"siblings": [{"rfilename": "README.md"}]})
    EvidenceFactory(project=project, hub_repo=repo, leg="model", value="closed", statement="weights withdrawn")

    recompute(project)

    assert legs(repo)["model"] == "closed"


def test_schemes_are_stored_as_json_with_a_value_and_reasons_and_the_index_attribution():
    project = ProjectFactory()
    open_model_repo(project)
    IndexAssessmentFactory(project=project)

    recompute(project)

    schemes = Project.objects.get(pk=project.pk).schemes
    json.dumps(schemes)
    assert schemes["osai"]["value"] == 0.5 and "CC-BY-4.0" in schemes["osai"]["attribution"]
    assert schemes["mof"]["value"] and schemes["mof"]["reasons"]
    assert schemes["osaid"]["value"] == "cannot tell" and schemes["osaid"]["reasons"]


def test_projects_that_are_not_model_families_are_not_rated():
    tool = ProjectFactory(kind=Project.Kind.TOOL)

    assert recompute(tool) == []
    assert not LegAssessment.objects.filter(project=tool).exists()


def test_the_command_recomputes_every_model_family_and_a_second_run_changes_nothing(seeded_catalog, capsys):
    call_command("recompute_openness")
    call_command("recompute_openness")

    first, second = capsys.readouterr().out.strip().splitlines()
    assert "0 leg changes" not in first
    assert second == "Openness recomputed: 0 leg changes recorded."


def test_an_attached_base_model_of_another_organisation_never_decides_the_project_model_leg():
    project = ProjectFactory(kind=Project.Kind.MODEL_FAMILY)
    HubRepoFactory(project=project, repo_id="someone/fine-tune")  # its own checkpoint, not read yet
    base = open_model_repo(project, repo_id="mistralai/Mistral-7B-v0.1", role="base")

    recompute(project)

    assert legs(base)["model"] == "open"
    assert legs(project)["model"] == "unknown"


def test_an_own_checkpoint_fine_tuned_from_an_attached_base_inherits_its_unknown_corpus():
    project = ProjectFactory(kind=Project.Kind.MODEL_FAMILY)
    dataset = synced(DatasetRepoFactory(repo_id="org/data"))
    own = open_model_repo(project, repo_id="someone/fine-tune", datasets=[dataset.repo_id])
    open_model_repo(project, repo_id="mistralai/Mistral-7B-v0.1", role="base")

    recompute(project)

    assert legs(own)["corpus"] == "unknown"
    assert legs(project)["model"] == "open"


def test_the_project_says_which_checkpoint_decides_each_leg(sync_seeded_repos):
    recompute_all_openness()

    model = leg(Project.objects.get(slug="claire"), "model")
    assert model.decided_by == "OpenLLM-France/Claire-7B-Apache-0.1"


def test_changes_from_a_seed_recompute_are_credited_to_it_not_to_a_sync(seeded_catalog):
    call_command("recompute_openness")

    record = ChangeRecord.objects.filter(project__slug="lucie", hub_repo=None, field="leg:code").get()
    assert (record.sync_run, record.changed_by) == (None, None)
    assert "seed catalog" in record.cause


def test_a_legacy_dataset_id_reads_the_repository_the_hub_redirects_it_to_never_missing():
    project = ProjectFactory(kind=Project.Kind.MODEL_FAMILY)
    synced(DatasetRepoFactory(repo_id="legacy-datasets/mc4"))
    model = open_model_repo(project, repo_id="org/model", datasets=["mc4"])

    recompute(project)

    corpus = leg(model, "corpus")
    assert corpus.value == "open"
    assert any("mc4" in fact["shows"] for fact in corpus.facts)


def test_syncing_a_model_that_declares_a_legacy_id_tracks_the_namespaced_dataset():
    declared_datasets_to_sync(dataset_ids=["mc4", "c4", "allenai/c4"])

    assert set(HubRepo.objects.filter(repo_type="dataset").values_list("repo_id", flat=True)) == {
        "legacy-datasets/mc4", "allenai/c4"}


def test_a_fine_tune_named_after_its_base_without_declaring_it_is_not_open_on_its_data_alone():
    project = ProjectFactory(kind=Project.Kind.MODEL_FAMILY)
    synced(DatasetRepoFactory(repo_id="org/turkish-instructions"))
    model = open_model_repo(project, repo_id="someone/Mistral-7B-Instruct-v0.2-turkish",
                            datasets=["org/turkish-instructions"])

    recompute(project)

    corpus = leg(model, "corpus")
    assert corpus.value == "unknown"
    assert any("Mistral 7B (named by someone/Mistral-7B-Instruct-v0.2-turkish" in f["shows"] for f in corpus.facts)


def test_a_repository_name_without_a_base_family_is_not_read_as_a_fine_tune():
    project = ProjectFactory(kind=Project.Kind.MODEL_FAMILY)
    synced(DatasetRepoFactory(repo_id="org/data"))
    model = open_model_repo(project, repo_id="org/Lucie-7B", datasets=["org/data"])

    recompute(project)

    assert leg(model, "corpus").value == "open"
