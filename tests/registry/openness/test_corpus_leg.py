from registry.openness import AssertedFact, DatasetEvidence, Gate, Leg, Value, assess_model

from . import hub_dataset, hub_model

LUCIE = "OpenLLM-France/Lucie-7B"
LUCIE_DATA = "OpenLLM-France/Lucie-Training-Dataset"
FINEWEB = "HuggingFaceFW/fineweb"
CLAIRE_DATA = "OpenLLM-France/Claire-Dialogue-French-0.1"


def assess(model, datasets=(), asserted=()):
    return assess_model(model, {dataset.repo_id: dataset for dataset in datasets}, code=(), asserted=asserted)


def test_public_datasets_under_open_licences_make_the_corpus_open():
    model = hub_model(LUCIE, datasets=(FINEWEB,), tags=("license:apache-2.0",))

    corpus = assess(model, [hub_dataset(FINEWEB)]).corpus

    assert corpus.value is Value.OPEN
    assert corpus.caveats == ()


def test_a_card_naming_no_datasets_leaves_the_corpus_unknown_never_open():
    corpus = assess(hub_model("utter-project/EuroLLM-9B")).corpus

    assert corpus.value is Value.UNKNOWN
    assert corpus.reason == "the card names no training datasets"


def test_a_card_describing_its_data_only_in_prose_shows_a_provisional_partial_corpus():
    model = hub_model("OpenLLM-France/Claire-7B-0.1", base_models=(), tags=(), training_data_in_prose=(CLAIRE_DATA,))

    corpus = assess(model).corpus

    assert (corpus.value, corpus.provisional) == (Value.PARTIAL, True)
    assert "only in prose" in corpus.reason


def test_datasets_named_only_in_prose_count_once_a_person_asserts_them():
    model = hub_model("OpenLLM-France/Claire-7B-0.1", base_models=(), tags=(), training_data_in_prose=(CLAIRE_DATA,))
    naming = AssertedFact(
        leg=Leg.CORPUS,
        value=Value.UNKNOWN,
        source="contributor:alice",
        statement=f"Claire-7B-0.1 was trained on {CLAIRE_DATA}",
        datasets=(CLAIRE_DATA,),
    )

    corpus = assess(model, [DatasetEvidence(repo_id=CLAIRE_DATA, license="cc-by-nc-sa-4.0")], [naming]).corpus

    assert corpus.value is Value.OPEN
    assert any(fact.source == f"hub:dataset:{CLAIRE_DATA}" for fact in corpus.facts)


def test_prose_mentioning_undeclared_data_keeps_the_corpus_from_being_computed_open():
    model = hub_model(LUCIE, training_data_in_prose=("a private subcorpus of French books",))

    corpus = assess(model, [hub_dataset(LUCIE_DATA)]).corpus

    assert corpus.value is not Value.OPEN
    assert "does not declare" in corpus.reason


def test_prose_that_only_links_declared_datasets_does_not_hold_the_corpus_back():
    model = hub_model(LUCIE, training_data_in_prose=(f"https://huggingface.co/datasets/{LUCIE_DATA}",))

    assert assess(model, [hub_dataset(LUCIE_DATA)]).corpus.value is Value.OPEN


def test_one_declared_dataset_gated_with_manual_approval_makes_the_corpus_partial():
    model = hub_model(LUCIE, datasets=(LUCIE_DATA, FINEWEB))

    corpus = assess(model, [hub_dataset(LUCIE_DATA), hub_dataset(FINEWEB, gated=Gate.MANUAL)]).corpus

    assert corpus.value is Value.PARTIAL
    assert "manual approval" in corpus.reason


def test_a_dataset_behind_an_automatic_gate_counts_as_public():
    corpus = assess(hub_model(LUCIE), [hub_dataset(LUCIE_DATA, gated=Gate.AUTO)]).corpus

    assert corpus.value is Value.OPEN


def test_a_declared_dataset_that_does_not_exist_on_the_hub_makes_the_corpus_partial_with_the_reason():
    model = hub_model(LUCIE, datasets=(LUCIE_DATA, "example-org/vanished"))
    vanished = DatasetEvidence(repo_id="example-org/vanished", exists=False)

    corpus = assess(model, [hub_dataset(LUCIE_DATA), vanished]).corpus

    assert corpus.value is Value.PARTIAL
    assert "example-org/vanished does not exist on the Hub" in corpus.reason


def test_a_declared_dataset_not_checked_yet_leaves_the_corpus_unknown():
    assert assess(hub_model(LUCIE)).corpus.value is Value.UNKNOWN


def test_a_public_dataset_under_a_non_commercial_licence_keeps_the_corpus_open_with_a_caveat():
    corpus = assess(hub_model(LUCIE), [hub_dataset(LUCIE_DATA)]).corpus

    assert corpus.value is Value.OPEN
    assert any(LUCIE_DATA in caveat and "forbids commercial use" in caveat for caveat in corpus.caveats)


def test_a_model_licence_more_permissive_than_its_data_licence_is_flagged_as_contamination():
    assessment = assess(hub_model(LUCIE), [hub_dataset(LUCIE_DATA)])

    assert any(warning.startswith("Licence contamination") and LUCIE_DATA in warning for warning in assessment.warnings)


def test_no_contamination_warning_when_model_and_data_share_the_restriction():
    model = hub_model(LUCIE, license="cc-by-nc-sa-4.0", tags=(f"dataset:{LUCIE_DATA}",))

    assessment = assess(model, [hub_dataset(LUCIE_DATA)])

    assert not any(warning.startswith("Licence contamination") for warning in assessment.warnings)


def test_dataset_tags_count_as_declared_datasets():
    model = hub_model("BSC-LT/salamandra-2b", datasets=())

    corpus = assess(model).corpus

    assert sum(fact.source.startswith("hub:dataset:") for fact in corpus.facts) == 21
