import pytest

from registry.openness import (
    AssertedFact,
    CodeEvidence,
    DatasetEvidence,
    Label,
    Leg,
    ModelEvidence,
    Value,
    assess_model,
)

from . import hub_dataset, hub_model

FINEWEB = "HuggingFaceFW/fineweb"
FALCON = "tiiuae/falcon-7b"
CLAIRE = "OpenLLM-France/Claire-7B-0.1"
EUROLLM = "utter-project/EuroLLM-9B"
OPEN_CODE = (CodeEvidence(code_url="https://github.com/example-org/trainer", code_license="Apache-2.0"),)


def open_base_model(repo_id=FALCON):
    """A base model whose three legs are open."""
    model = ModelEvidence(repo_id=repo_id, license="apache-2.0", datasets=(FINEWEB,))
    return assess_model(model, {FINEWEB: hub_dataset(FINEWEB)}, OPEN_CODE, asserted=())


def partial_corpus_base_model():
    model = ModelEvidence(repo_id=FALCON, license="apache-2.0", datasets=(FINEWEB,))
    return assess_model(model, {FINEWEB: hub_dataset(FINEWEB, gated="manual")}, OPEN_CODE, asserted=())


def base_model_stated(leg, value, statement):
    """A base model whose `leg` rests on a person's statement."""
    said = AssertedFact(leg=leg, value=value, source="moderator", statement=statement, url="https://example.org/src")
    return assess_model(ModelEvidence(repo_id=FALCON, license="apache-2.0"), {}, (), asserted=[said])


def claire(**changes):
    return hub_model(CLAIRE, license="apache-2.0", tags=(), **changes)


def test_apache_weights_open_datasets_and_osi_training_code_are_e2e_open():
    model = hub_model(EUROLLM, datasets=(FINEWEB,))

    assessment = assess_model(model, {FINEWEB: hub_dataset(FINEWEB)}, OPEN_CODE, asserted=())

    assert assessment.e2e
    assert assessment.label is Label.E2E_OPEN
    assert [leg.value for leg in assessment.legs] == [Value.OPEN] * 3


def test_open_weights_with_an_unknown_corpus_are_labelled_open_weights_not_e2e():
    assessment = assess_model(hub_model(EUROLLM), {}, OPEN_CODE, asserted=())

    assert not assessment.e2e
    assert assessment.label is Label.OPEN_WEIGHTS


def test_use_restricted_weights_are_labelled_restricted_weights():
    assessment = assess_model(hub_model(CLAIRE), {}, (), asserted=())

    assert assessment.label is Label.RESTRICTED_WEIGHTS


def test_weights_stated_as_not_released_are_labelled_closed():
    withheld = AssertedFact(
        leg=Leg.MODEL, value=Value.CLOSED, source="moderator", statement="the producer says the weights stay private",
        url="https://example.org/producer-statement",
    )

    assessment = assess_model(hub_model(CLAIRE, weights_published=False), {}, (), asserted=[withheld])

    assert assessment.model.value is Value.CLOSED
    assert assessment.label is Label.CLOSED


def test_nothing_known_about_the_weights_is_labelled_unknown():
    assessment = assess_model(hub_model(CLAIRE, weights_published=False), {}, (), asserted=())

    assert assessment.label is Label.UNKNOWN


def test_unknown_is_never_shown_as_closed_without_a_positive_fact():
    bare = ModelEvidence(repo_id="example-org/empty", weights_published=False)

    assessment = assess_model(bare, {}, (), asserted=())

    assert [leg.value for leg in assessment.legs] == [Value.UNKNOWN] * 3


def test_a_fine_tune_of_a_base_model_the_registry_has_not_assessed_has_an_unknown_corpus_and_code():
    model = claire(datasets=(FINEWEB,))

    assessment = assess_model(model, {FINEWEB: hub_dataset(FINEWEB)}, OPEN_CODE, asserted=())

    assert (assessment.corpus.value, assessment.code.value) == (Value.UNKNOWN, Value.UNKNOWN)
    assert f"base model {FALCON} is not assessed" in assessment.corpus.reason


def test_a_fine_tune_inherits_its_base_models_open_corpus_when_its_own_data_is_open():
    model = claire(datasets=(FINEWEB,))

    assessment = assess_model(model, {FINEWEB: hub_dataset(FINEWEB)}, OPEN_CODE, (), base_assessment=open_base_model())

    assert assessment.corpus.value is Value.OPEN
    assert any(fact.source == f"base-model:{FALCON}" for fact in assessment.corpus.facts)


def test_a_fine_tune_inherits_its_base_models_partial_corpus_even_when_its_own_data_is_open():
    model = claire(datasets=(FINEWEB,))

    assessment = assess_model(
        model, {FINEWEB: hub_dataset(FINEWEB)}, OPEN_CODE, (), base_assessment=partial_corpus_base_model()
    )

    assert assessment.corpus.value is Value.PARTIAL
    assert FALCON in assessment.corpus.reason


def test_a_fine_tune_takes_the_lower_of_the_known_shortfalls():
    base = base_model_stated(Leg.CORPUS, Value.CLOSED, "training data undisclosed")
    model = claire(datasets=(FINEWEB,))

    assessment = assess_model(model, {FINEWEB: hub_dataset(FINEWEB, gated="manual")}, (), (), base_assessment=base)

    assert assessment.corpus.value is Value.CLOSED


def test_a_base_models_provisional_corpus_is_not_a_known_shortfall_of_its_fine_tune():
    base = assess_model(hub_model(EUROLLM, training_data_in_prose=("web data",)), {}, (), asserted=())
    model = claire(base_models=(EUROLLM,), datasets=(FINEWEB,))
    confirmed = AssertedFact(leg=Leg.CORPUS, value=Value.OPEN, source="moderator", statement="all data is public")

    unconfirmed = assess_model(model, {FINEWEB: hub_dataset(FINEWEB)}, (), (), base_assessment=base)
    assessment = assess_model(model, {FINEWEB: hub_dataset(FINEWEB)}, (), [confirmed], base_assessment=base)

    assert (unconfirmed.corpus.value, unconfirmed.corpus.provisional) == (Value.PARTIAL, True)
    assert assessment.corpus.value is Value.OPEN


def test_a_fine_tune_inherits_its_base_models_pre_training_code():
    base = base_model_stated(Leg.CODE, Value.PARTIAL, "only inference code")

    assessment = assess_model(claire(), {}, OPEN_CODE, (), base_assessment=base)

    assert assessment.code.value is Value.PARTIAL


def test_a_fine_tune_keeps_its_own_licence_for_the_model_leg():
    assessment = assess_model(hub_model(CLAIRE), {}, (), (), base_assessment=open_base_model())

    assert assessment.model.value is Value.PARTIAL


def test_an_openly_licensed_fine_tune_of_a_restricted_base_model_is_warned_about():
    restricted_base = assess_model(ModelEvidence(repo_id=FALCON, license="llama3.1"), {}, (), asserted=())

    assessment = assess_model(claire(), {}, (), (), base_assessment=restricted_base)

    assert assessment.model.value is Value.OPEN
    assert any(FALCON in warning for warning in assessment.model.warnings)


@pytest.mark.parametrize("repo_id", [EUROLLM, CLAIRE, "swiss-ai/Apertus-8B-2509"])
def test_every_leg_of_a_real_card_has_a_one_line_reason(repo_id):
    assessment = assess_model(hub_model(repo_id), {}, (), asserted=())

    assert all(leg.reason and "\n" not in leg.reason for leg in assessment.legs)


def test_a_dataset_given_as_evidence_but_not_named_by_the_card_is_ignored():
    stray = DatasetEvidence(repo_id=FINEWEB)

    assessment = assess_model(hub_model(EUROLLM), {FINEWEB: stray}, (), asserted=())

    assert assessment.corpus.value is Value.UNKNOWN
