from registry.openness import (
    AssertedFact,
    CodeEvidence,
    Label,
    Leg,
    ModelEvidence,
    Value,
    assess_model,
    osai_asserted_facts,
    summarise_project,
)

from . import hub_dataset, hub_model, osai_model

CLAIRE = "OpenLLM-France/Claire-7B-0.1"
CLAIRE_APACHE = "OpenLLM-France/Claire-7B-Apache-0.1"
FINEWEB = "HuggingFaceFW/fineweb"
LIT_CLAIRE = CodeEvidence(code_url="https://github.com/OpenLLM-France/Lit-Claire", code_license="AGPL-3.0")


def claire_checkpoints(code=()):
    """Claire-7B-0.1 (CC-BY-NC-SA-4.0) and its Apache-2.0 variant, both fine-tuned from Falcon-7B."""
    nc = hub_model(CLAIRE)
    apache = hub_model(CLAIRE, repo_id=CLAIRE_APACHE, license="apache-2.0", tags=())
    return [assess_model(model, {}, code, asserted=()) for model in (nc, apache)]


def checkpoint(repo_id, *, licence="apache-2.0", dataset_gate="no", code=()):
    model = ModelEvidence(repo_id=repo_id, license=licence, datasets=(FINEWEB,))
    return assess_model(model, {FINEWEB: hub_dataset(FINEWEB, gated=dataset_gate)}, code, asserted=())


def test_a_project_is_as_open_as_its_most_open_checkpoint():
    project = summarise_project(claire_checkpoints(), asserted=(), subject="Claire")

    assert project.model.value is Value.OPEN
    assert project.label is Label.OPEN_WEIGHTS
    assert CLAIRE_APACHE in project.model.reason


def test_a_project_lists_every_checkpoints_value_as_a_fact():
    project = summarise_project(claire_checkpoints(), asserted=(), subject="Claire")

    values = {fact.source: fact.value for fact in project.model.facts if fact.source.startswith("checkpoint:")}
    assert values == {f"checkpoint:{CLAIRE}": Value.PARTIAL, f"checkpoint:{CLAIRE_APACHE}": Value.OPEN}


def test_a_project_whose_checkpoints_differ_says_so_in_a_caveat():
    project = summarise_project(claire_checkpoints(), asserted=(), subject="Claire")

    assert any(CLAIRE in caveat and "partial" in caveat for caveat in project.model.caveats)


def test_a_project_takes_its_legs_from_one_checkpoint_never_mixing_checkpoints():
    open_weights_partial_data = checkpoint("org/a", dataset_gate="manual")
    restricted_weights_open_data = checkpoint("org/b", licence="cc-by-nc-4.0")

    project = summarise_project([open_weights_partial_data, restricted_weights_open_data], asserted=())

    assert not project.e2e
    assert (project.model.value, project.corpus.value) == (Value.OPEN, Value.PARTIAL)


def test_the_first_listed_checkpoint_wins_a_tie():
    project = summarise_project([checkpoint("org/flagship"), checkpoint("org/small")], asserted=())

    assert project.subject == "org/flagship"


def test_a_project_is_e2e_open_when_one_of_its_checkpoints_is():
    open_code = CodeEvidence(code_url="https://github.com/org/trainer", code_license="MIT")
    project = summarise_project(
        [checkpoint("org/small", licence="cc-by-nc-4.0"), checkpoint("org/large", code=(open_code,))], asserted=()
    )

    assert project.e2e


def test_the_project_code_repository_replaces_the_checkpoints_own_code_but_not_the_inherited_base():
    project = summarise_project(claire_checkpoints(), asserted=(), code=(LIT_CLAIRE,), subject="Claire")

    assert project.code.value is Value.UNKNOWN
    assert any(fact.url == LIT_CLAIRE.code_url for fact in project.code.facts)
    assert any(fact.source == "base-model:tiiuae/falcon-7b" for fact in project.code.facts)


def test_project_statements_decide_legs_the_checkpoints_leave_unknown():
    osai = osai_asserted_facts(osai_model("Pharia")["dimensions"])

    project = summarise_project(claire_checkpoints(), asserted=osai, subject="Claire")

    assert project.code.value is Value.PARTIAL
    assert project.code.facts[-1].attribution.startswith("European Open Source AI Index")


def test_project_statements_can_replace_a_provisional_checkpoint_value():
    prose_only = assess_model(
        hub_model("utter-project/EuroLLM-9B", training_data_in_prose=("web data",)), {}, (), asserted=()
    )
    confirmed = AssertedFact(leg=Leg.CORPUS, value=Value.OPEN, source="moderator", statement="all data is public")

    project = summarise_project([prose_only], asserted=[confirmed])

    assert prose_only.corpus.provisional
    assert project.corpus.value is Value.OPEN


def test_a_project_without_checkpoints_rests_on_its_code_and_statements():
    project = summarise_project([], asserted=(), code=(LIT_CLAIRE,), subject="Claire")

    assert (project.code.value, project.model.value, project.corpus.value) == (Value.OPEN, Value.UNKNOWN, Value.UNKNOWN)
    assert project.subject == "Claire"


def test_a_family_built_on_another_organisations_base_covers_its_code_and_corpus_even_without_checkpoint_data():
    own_training_code = (CodeEvidence(code_url="https://github.com/org/finetune", code_license="Apache-2.0"),)

    project = summarise_project([], asserted=(), code=own_training_code, subject="GEITje",
                                named_bases=("mistralai/Mistral-7B-v0.1",))

    assert project.code.value is Value.UNKNOWN
    assert any("mistralai/Mistral-7B-v0.1" in fact.shows for fact in project.code.facts)
