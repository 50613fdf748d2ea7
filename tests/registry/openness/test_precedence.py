from registry.openness import AssertedFact, DatasetEvidence, Kind, Leg, Value, assess_model, osai_asserted_facts

from . import hub_dataset, hub_model, osai_model

LUCIE = "OpenLLM-France/Lucie-7B"
LUCIE_DATA = "OpenLLM-France/Lucie-Training-Dataset"


def statement(leg, value, source, text="a statement"):
    return AssertedFact(leg=leg, value=value, source=source, statement=text, url="https://example.org/evidence")


def lucie_osai_facts():
    return osai_asserted_facts(osai_model("Lucie")["dimensions"])


def test_when_the_hub_settles_a_leg_it_decides_and_a_disagreeing_osai_rating_is_flagged():
    corpus = assess_model(hub_model(LUCIE), {LUCIE_DATA: hub_dataset(LUCIE_DATA)}, (), lucie_osai_facts()).corpus

    assert corpus.value is Value.OPEN
    assert corpus.disagreement
    assert any("the Hub: open" in warning and "Index: partial" in warning for warning in corpus.warnings)


def test_both_sides_of_a_disagreement_are_kept_as_facts():
    corpus = assess_model(hub_model(LUCIE), {LUCIE_DATA: hub_dataset(LUCIE_DATA)}, (), lucie_osai_facts()).corpus

    assert {fact.kind for fact in corpus.facts} == {Kind.COMPUTED, Kind.ASSERTED}
    assert any(fact.source == "osai-index:datasources_endmodel" for fact in corpus.facts)


def test_agreeing_sources_raise_no_disagreement():
    model = assess_model(hub_model(LUCIE), {}, (), lucie_osai_facts()).model

    assert model.value is Value.OPEN
    assert not model.disagreement


def test_where_the_hub_is_silent_an_osai_shortfall_decides_the_leg():
    salamandra = osai_model("Salamandra")

    corpus = assess_model(hub_model(LUCIE), {}, (), osai_asserted_facts(salamandra["dimensions"])).corpus

    assert corpus.value is Value.PARTIAL
    assert "European Open Source AI Index" in corpus.reason


def test_an_osai_no_training_code_found_is_an_absence_not_closed():
    claire = osai_model("Claire")

    code = assess_model(hub_model(LUCIE), {}, (), osai_asserted_facts(claire["dimensions"])).code

    assert code.value is Value.UNKNOWN


def test_an_osai_open_rating_alone_cannot_make_a_leg_open():
    code = assess_model(hub_model(LUCIE), {}, (), lucie_osai_facts()).code

    assert code.value is Value.UNKNOWN
    assert any("not enough for our code leg" in fact.shows for fact in code.facts)


def test_a_contributor_statement_decides_where_the_hub_is_silent():
    code = assess_model(hub_model(LUCIE), {}, (), [statement(Leg.CODE, Value.OPEN, "contributor:alice")]).code

    assert code.value is Value.OPEN


def test_a_moderator_statement_beats_a_contributors_and_the_osai_index():
    asserted = [
        statement(Leg.CODE, Value.OPEN, "contributor:alice"),
        statement(Leg.CODE, Value.CLOSED, "osai-index:trainingcode"),
        statement(Leg.CODE, Value.PARTIAL, "moderator", "the repository holds inference code only"),
    ]

    code = assess_model(hub_model(LUCIE), {}, (), asserted).code

    assert code.value is Value.PARTIAL
    assert "inference code only" in code.reason
    assert code.disagreement


def test_a_contributor_statement_beats_the_osai_index():
    asserted = [
        statement(Leg.CODE, Value.CLOSED, "osai-index:trainingcode"),
        statement(Leg.CODE, Value.OPEN, "contributor"),
    ]

    assert assess_model(hub_model(LUCIE), {}, (), asserted).code.value is Value.OPEN


def test_several_statements_by_one_asserter_must_all_hold():
    asserted = [
        statement(Leg.CODE, Value.OPEN, "contributor:alice"),
        statement(Leg.CODE, Value.PARTIAL, "contributor:bob"),
    ]

    assert assess_model(hub_model(LUCIE), {}, (), asserted).code.value is Value.PARTIAL


def test_a_statement_cannot_overrule_what_the_hub_settles():
    asserted = [statement(Leg.MODEL, Value.PARTIAL, "moderator", "the card asks for non-commercial use")]

    model = assess_model(hub_model(LUCIE), {}, (), asserted).model

    assert model.value is Value.OPEN
    assert model.disagreement


def test_closed_needs_a_positive_fact_such_as_a_sourced_statement():
    withheld = statement(Leg.CORPUS, Value.CLOSED, "contributor", "the producer says the data is not released")

    corpus = assess_model(hub_model("utter-project/EuroLLM-9B"), {}, (), [withheld]).corpus

    assert corpus.value is Value.CLOSED


def test_a_statement_replaces_a_provisional_prose_only_corpus_without_a_disagreement():
    model = hub_model("utter-project/EuroLLM-9B", training_data_in_prose=("web data, parallel data",))

    corpus = assess_model(model, {}, (), [statement(Leg.CORPUS, Value.OPEN, "moderator")]).corpus

    assert (corpus.value, corpus.provisional, corpus.disagreement) == (Value.OPEN, False, False)


def test_a_moderators_sourced_statement_that_some_data_is_not_released_lowers_an_open_corpus():
    withheld = AssertedFact(
        leg=Leg.CORPUS, value=Value.PARTIAL, source="moderator:curation", url="https://example.org/report",
        statement="One sub-corpus is described but not redistributed.",
    )
    model = hub_model(LUCIE, datasets=("org/data",), tags=())
    datasets = {"org/data": DatasetEvidence(repo_id="org/data")}

    corpus = assess_model(model, datasets, (), [withheld]).corpus

    assert corpus.value is Value.PARTIAL
    assert corpus.disagreement
