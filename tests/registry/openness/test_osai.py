from datetime import UTC, datetime

from registry.openness import OSAI_ATTRIBUTION, Leg, Value, osai_asserted_facts

from . import osai_model


def facts_for(name):
    model = osai_model(name)
    return osai_asserted_facts(model["dimensions"], index_url=model["osai_index_url"])


def test_osai_dimensions_map_to_legs_data_to_corpus_training_code_to_code_weights_and_licences_to_model():
    legs = {fact.source.split(":")[1]: fact.leg for fact in facts_for("Apertus")}

    assert legs == {
        "datasources_basemodel": Leg.CORPUS,
        "datasources_endmodel": Leg.CORPUS,
        "trainingcode": Leg.CODE,
        "weights_basemodel": Leg.MODEL,
        "weights_endmodel": Leg.MODEL,
        "licenses": Leg.MODEL,
    }


def test_every_osai_statement_carries_the_index_attribution():
    assert OSAI_ATTRIBUTION == (
        "European Open Source AI Index (Liesenfeld, Blankvoort, Kalra, Dingemanse; Radboud University),"
        " CC-BY-4.0, doi:10.5281/zenodo.15386042, https://osai-index.eu/"
    )
    assert all(fact.attribution == OSAI_ATTRIBUTION for fact in facts_for("Lucie"))


def test_an_osai_statement_keeps_the_rating_notes_and_evidence_link():
    corpus = next(fact for fact in facts_for("Lucie") if fact.source == "osai-index:datasources_endmodel")

    assert corpus.value is Value.PARTIAL
    assert "many listed but some not shared" in corpus.statement
    assert corpus.url


def test_a_dimension_without_a_link_points_to_the_models_index_page():
    lucie = osai_model("Lucie")
    dimensions = {"trainingcode": {"class": "open", "link": None, "notes": None}}

    (fact,) = osai_asserted_facts(dimensions, index_url=lucie["osai_index_url"])

    assert fact.url == "https://osai-index.eu/model/Lucie"


def test_dimensions_left_empty_give_no_statement():
    assert osai_asserted_facts({"trainingcode": {"class": None, "link": None, "notes": None}}) == ()


def test_osai_statements_carry_the_time_the_index_was_read():
    seen_at = datetime(2026, 6, 12, tzinfo=UTC)

    facts = osai_asserted_facts(osai_model("Claire")["dimensions"], seen_at=seen_at)

    assert {fact.seen_at for fact in facts} == {seen_at}
