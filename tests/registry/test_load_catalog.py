"""load_catalog brings the database in line with the shipped seed files, idempotently."""

import json
import re
import shutil

import pytest
from django.core.management import CommandError, call_command

from registry.models import (
    CodeRepository,
    Evidence,
    HubNamespace,
    HubRepo,
    IndexAssessment,
    Licence,
    Organisation,
    Project,
)
from registry.services.catalog_loader import DATA_DIR, CatalogDataError, load_catalog

pytestmark = pytest.mark.django_db
MODELS = [Project, Organisation, HubRepo, HubNamespace, Licence, IndexAssessment, Evidence]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def data_dir(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit(data_dir, filename, change):
    path = data_dir / filename
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_loads_every_seed_row():
    report = load_catalog()
    assert Licence.objects.count() == 83
    assert IndexAssessment.objects.count() == 31
    # 56 list rows: 21 organisations, 2 redacted individuals, 33 projects; 31 OSAI models,
    # of which Bielik and Occiglot are already on the list; the family files add 4 families
    # (Mistral 7B, CroissantLLM, EuroBERT, Pleias 1.0) and merge 2 duplicates (PORO silogen, Going Dutch).
    assert Project.objects.count() == 33 + 31 - 2 + 4 - 2
    assert len(report.skipped) == 2
    assert Organisation.objects.filter(slug="openllm-france").exists()


def test_a_second_load_changes_nothing():
    load_catalog()
    before = counts()
    updated_at = dict(Project.objects.values_list("slug", "updated_at"))
    report = load_catalog()
    assert counts() == before
    assert {outcome for _, outcome in report.outcomes} == {"unchanged"}
    assert dict(Project.objects.values_list("slug", "updated_at")) == updated_at


def test_the_command_says_what_it_did(capsys):
    call_command("load_catalog")
    call_command("load_catalog")
    output = capsys.readouterr().out
    assert "projects: 0 created, 0 updated, 64 unchanged" in output
    assert "Skipped 2 rows" in output


def test_a_project_seen_in_both_sources_is_one_project_with_both_sources():
    load_catalog()
    bielik = Project.objects.get(slug="bielik")
    assert {s["dataset"] for s in bielik.sources} == {"openllm-europe", "osai-index", "curated"}
    assert "pl" in bielik.languages


def test_osai_assessments_are_loaded_as_attributed_evidence():
    load_catalog()
    lucie = Project.objects.get(slug="lucie")
    corpus = lucie.evidence.get(source_key="datasources_endmodel")
    assert (corpus.leg, corpus.value) == ("corpus", "partial")
    assert "CC-BY-4.0" in corpus.attribution and "10.5281/zenodo.15386042" in corpus.attribution
    assert lucie.index_assessment.score == pytest.approx(0.83, abs=0.01)


def test_hub_repositories_are_attached_to_their_projects():
    load_catalog()
    claire = Project.objects.get(slug="claire")
    assert {"OpenLLM-France/Claire-7B-0.1", "OpenLLM-France/Claire-7B-Apache-0.1"} <= set(
        claire.hub_repos.values_list("repo_id", flat=True))
    assert HubNamespace.objects.get(name="OpenLLM-France").organisation.slug == "openllm-france"


def test_no_personal_contact_data_is_loaded():
    load_catalog()
    text = json.dumps(list(Project.objects.values()), default=str) + json.dumps(
        list(Organisation.objects.values()), default=str)
    assert not re.search(r"[\w.+-]+@[\w-]+\.[a-z]{2,}", text)
    assert "mailto:" not in text and "linkedin.com" not in text


def test_a_changed_file_updates_rows_and_never_duplicates(data_dir):
    load_catalog(data_dir=data_dir)
    before = counts()
    edit(data_dir, "openllm_europe_list.json",
         lambda d: d["projects"][0]["links"].update(main="https://bggpt.ai/"))
    report = load_catalog(data_dir=data_dir)
    assert counts() == before
    assert Project.objects.get(slug="insat").website == "https://bggpt.ai/"
    assert report.outcomes[("projects", "updated")] == 1


def test_a_bad_row_is_named_and_nothing_is_written(data_dir):
    edit(data_dir, "osai_index_european.json",
         lambda d: d["models"][4]["dimensions"]["trainingcode"].update({"class": "maybe"}))
    with pytest.raises(CommandError) as error:
        call_command("load_catalog", data_dir=data_dir)
    message = str(error.value)
    assert "osai_index_european.json, row 5 (Bielik.yaml)" in message
    assert "'maybe'" in message
    assert sum(counts().values()) == 0


def test_a_failure_while_writing_rolls_everything_back(monkeypatch):
    def fail(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr("registry.services.catalog_loader._load_evidence", fail)
    with pytest.raises(RuntimeError):
        load_catalog()
    assert sum(counts().values()) == 0


def test_an_unreadable_file_is_named(data_dir):
    (data_dir / "hf_licences.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="hf_licences.json: cannot be read"):
        call_command("load_catalog", data_dir=data_dir)


def test_duplicates_are_merged_into_one_project_keeping_both_sources():
    load_catalog()
    poro = Project.objects.get(slug="poro")
    assert not Project.objects.filter(slug__in=["poro-silogen", "going-dutch"]).exists()
    assert {"openllm-europe", "osai-index", "curated"} <= {s["dataset"] for s in poro.sources}
    assert any(s.get("line") == 52 for s in poro.sources)  # the list's "PORO silogen" row


def test_a_duplicate_already_in_the_database_is_folded_into_its_family_on_the_next_load():
    load_catalog()
    duplicate = Project.objects.create(slug="going-dutch", name="Going Dutch", kind="model-family")
    HubRepo.objects.create(repo_id="someone/going-dutch-model", project=duplicate)

    load_catalog()

    assert not Project.objects.filter(slug="going-dutch").exists()
    assert HubRepo.objects.get(repo_id="someone/going-dutch-model").project.slug == "geitje"


def test_another_organisations_base_model_is_attached_as_a_base_never_as_a_checkpoint():
    load_catalog()
    fietje_base = HubRepo.objects.get(repo_id="microsoft/phi-2")
    assert (fietje_base.project.slug, fietje_base.role) == ("fietje", "base")
    large_2 = HubRepo.objects.get(repo_id="mistralai/Mistral-Large-Instruct-2407")
    assert large_2.role == "other-release"


def test_curated_code_repositories_carry_licence_coverage_source_and_date():
    load_catalog()
    training = CodeRepository.objects.get(project__slug="lucie", url="https://github.com/OpenLLM-France/Lucie-Training")
    assert (training.licence, training.covers) == ("GPL-3.0-only", "pre-training")
    assert training.source_url and training.seen_via and training.seen_at


def test_real_card_copies_replace_constructed_data_and_say_where_they_were_seen():
    load_catalog()
    lucie = HubRepo.objects.get(repo_id="OpenLLM-France/Lucie-7B")
    assert (lucie.data_origin, lucie.license) == ("card-copy", "apache-2.0")
    assert lucie.data_source["url"] == "https://huggingface.co/OpenLLM-France/Lucie-7B"
    assert lucie.data_source["seen"]


def test_a_load_never_reverts_a_field_a_person_edited():
    load_catalog()
    project = Project.objects.get(slug="lucie")
    project.summary, project.person_edited = "Edited by a moderator", ["summary"]
    project.save()

    load_catalog()

    assert Project.objects.get(slug="lucie").summary == "Edited by a moderator"


def test_a_family_file_without_a_source_for_a_fact_stops_the_load(data_dir):
    edit(data_dir, "families/lucie.json", lambda family: family["facts"][0].pop("source"))

    with pytest.raises(CatalogDataError, match="families/lucie.json"):
        load_catalog(data_dir=data_dir)
