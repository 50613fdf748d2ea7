import pytest

from registry.openness import (
    WHY_SCHEMES_DISAGREE,
    AssertedFact,
    CodeEvidence,
    Leg,
    ModelEvidence,
    Value,
    assess_model,
    mof_class_estimate,
    osai_score,
    osaid_conditions,
)

from . import hub_dataset, osai_index, osai_model

FINEWEB = "HuggingFaceFW/fineweb"
OPEN_CODE = (CodeEvidence(code_url="https://github.com/org/trainer", code_license="Apache-2.0"),)


def assessment(*, licence="apache-2.0", code=OPEN_CODE, dataset_gate="no", asserted=()):
    model = ModelEvidence(repo_id="org/model", license=licence, datasets=(FINEWEB,))
    return assess_model(model, {FINEWEB: hub_dataset(FINEWEB, gated=dataset_gate)}, code, asserted)


@pytest.mark.parametrize("model", osai_index()["models"], ids=lambda model: model["system"]["name"])
def test_osai_score_matches_the_index_site_formula_for_every_european_model(model):
    score, counted = osai_score(model["dimensions"])

    assert round(score, 4) == model["computed"]["score_site_formula"]
    assert counted == model["computed"]["dimensions_counted"] == 12


@pytest.mark.parametrize(
    ("name", "score"), [("Apertus", 0.9167), ("Lucie", 0.8333), ("EuroLLM", 0.7917), ("Claire", 0.4583)]
)
def test_osai_scores_of_well_known_models(name, score):
    assert round(osai_score(osai_model(name)["dimensions"])[0], 4) == score


def test_osai_score_leaves_out_dimensions_without_a_class():
    dimensions = {"paper": {"class": "open"}, "preprint": {"class": "partial"}, "datasheet": {"class": None}}

    assert osai_score(dimensions) == (0.75, 2)


def test_osai_score_of_no_rated_dimension_is_none():
    assert osai_score({}) == (None, 0)


def test_mof_class_i_needs_open_weights_code_and_data_plus_documentation():
    estimate = mof_class_estimate(assessment(), osai_model("Apertus")["dimensions"])

    assert (estimate.result, estimate.met, estimate.estimate) == ("Class I", True, True)


def test_mof_class_ii_when_the_data_is_not_fully_public():
    estimate = mof_class_estimate(assessment(dataset_gate="manual"), osai_model("Apertus")["dimensions"])

    assert estimate.result == "Class II"
    assert any("datasets publicly available: not met" in reason for reason in estimate.reasons)


def test_mof_class_iii_with_open_weights_and_documentation_but_no_open_code():
    estimate = mof_class_estimate(assessment(code=()), osai_model("Apertus")["dimensions"])

    assert estimate.result == "Class III"


def test_mof_is_not_met_with_restricted_weights():
    estimate = mof_class_estimate(assessment(licence="cc-by-nc-4.0"), osai_model("Apertus")["dimensions"])

    assert (estimate.result, estimate.met) == ("not met", False)


def test_mof_without_documentation_evidence_cannot_confirm_a_class_and_says_it_is_an_estimate():
    estimate = mof_class_estimate(assessment())

    assert estimate.result == "not met"
    assert any("no OSAI Index rating" in reason for reason in estimate.reasons)
    assert estimate.reasons[-1].startswith("An estimate")


def test_osaid_conditions_look_met_with_osi_code_open_weights_and_named_public_data():
    verdict = osaid_conditions(assessment())

    assert (verdict.result, verdict.met) == ("conditions look met", True)


def test_osaid_is_not_met_with_use_restricted_weights():
    assert osaid_conditions(assessment(licence="llama3.3")).met is False


def test_osaid_needs_only_data_information_not_the_data_itself():
    withheld = AssertedFact(leg=Leg.CORPUS, value=Value.PARTIAL, source="moderator", statement="data described only")
    model = ModelEvidence(repo_id="org/model", license="apache-2.0")
    described_not_released = assess_model(model, {}, OPEN_CODE, [withheld])

    verdict = osaid_conditions(described_not_released, {"datasheet": {"class": "open"}})

    assert verdict.met is True


def test_osaid_cannot_tell_without_code_evidence():
    assert osaid_conditions(assessment(code=())).result == "cannot tell"


def test_the_reason_schemes_disagree_names_every_scheme():
    for scheme in ("E2E", "Open Source AI Definition", "European Open Source AI Index", "Model Openness Framework"):
        assert scheme in WHY_SCHEMES_DISAGREE
