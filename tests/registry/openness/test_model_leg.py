from datetime import UTC, datetime

import pytest

from registry.openness import Gate, Label, Value, assess_model

from . import card_sentence, hub_model

LUCIE = "OpenLLM-France/Lucie-7B"


def model_leg(model):
    return assess_model(model, datasets={}, code=(), asserted=()).model


def test_apache_weights_without_a_gate_are_open():
    leg = model_leg(hub_model("utter-project/EuroLLM-9B"))

    assert leg.value is Value.OPEN
    assert "apache-2.0" in leg.reason


def test_cc_by_nc_sa_weights_make_the_model_leg_partial():
    leg = model_leg(hub_model("OpenLLM-France/Claire-7B-0.1"))

    assert leg.value is Value.PARTIAL
    assert "forbids commercial use" in leg.reason


def test_license_other_with_a_custom_licence_makes_the_model_leg_partial_and_names_it():
    leg = model_leg(hub_model("mistralai/Mistral-Large-Instruct-2407"))

    assert leg.value is Value.PARTIAL
    assert "mrl" in leg.reason
    assert any(fact.url == "https://mistral.ai/licenses/MRL-0.1.md" for fact in leg.facts)


def test_license_other_without_name_or_link_is_partial_with_custom_terms_not_named():
    model = hub_model("mistralai/Mistral-Large-Instruct-2407", license_name=None, license_link=None)

    leg = model_leg(model)

    assert leg.value is Value.PARTIAL
    assert "custom terms not named" in leg.reason


@pytest.mark.parametrize("licence", ["llama3.1", "llama3.3", "gemma", "openrail", "bigscience-openrail-m"])
def test_community_and_rail_licences_make_the_model_leg_partial(licence):
    leg = model_leg(hub_model("utter-project/EuroLLM-9B", license=licence, tags=()))

    assert leg.value is Value.PARTIAL


def test_the_license_tag_counts_when_the_card_has_no_license_key():
    model = hub_model("utter-project/EuroLLM-9B", license=None, tags=("license:cc-by-nc-4.0",))

    assert model_leg(model).value is Value.PARTIAL


def test_downloadable_weights_without_any_licence_are_partial_because_no_licence_grants_no_rights():
    leg = model_leg(hub_model("utter-project/EuroLLM-9B", license=None, tags=()))

    assert leg.value is Value.PARTIAL
    assert "no rights" in leg.reason


def test_a_manual_gate_makes_the_model_leg_partial_even_under_an_open_licence():
    leg = model_leg(hub_model("utter-project/EuroLLM-9B", gated=Gate.MANUAL))

    assert leg.value is Value.PARTIAL
    assert "manual gate" in leg.reason


def test_an_automatic_gate_with_an_open_licence_keeps_the_model_leg_open():
    leg = model_leg(hub_model("swiss-ai/Apertus-8B-2509"))

    assert leg.value is Value.OPEN
    assert any(fact.source == "hub:gated" and fact.shows == "gated: auto" for fact in leg.facts)


def test_an_automatic_gate_shows_its_conditions_as_part_of_the_user_agreement():
    leg = model_leg(hub_model("swiss-ai/Apertus-8B-2509"))

    assert any("Acceptable Use Policy" in caveat for caveat in leg.caveats)


def test_a_prose_usage_request_is_a_caveat_not_a_licence_term():
    request = card_sentence(LUCIE, "ask that usage of the model be limited to non-commercial purposes")
    model = hub_model(LUCIE, card_text_caveats=(request,))

    assessment = assess_model(model, datasets={}, code=(), asserted=())

    assert assessment.model.value is Value.OPEN
    assert any("non-commercial purposes" in caveat for caveat in assessment.model.caveats)
    assert assessment.label is Label.OPEN_WEIGHTS


def test_a_repository_without_weight_files_is_unknown_not_closed():
    leg = model_leg(hub_model("utter-project/EuroLLM-9B", weights_published=False))

    assert leg.value is Value.UNKNOWN


def test_every_model_fact_says_where_it_comes_from_and_when_it_was_seen():
    seen_at = datetime(2026, 1, 5, tzinfo=UTC)
    leg = model_leg(hub_model("utter-project/EuroLLM-9B", seen_at=seen_at))

    assert {fact.source for fact in leg.facts} == {"hub:cardData.license", "hub:gated"}
    assert all(fact.seen_at == seen_at and fact.kind == "computed" for fact in leg.facts)
