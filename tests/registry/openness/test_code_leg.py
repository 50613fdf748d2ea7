from registry.openness import CodeEvidence, Coverage, Value, assess_model

from . import hub_model

LUCIE_TRAINING = "https://github.com/OpenLLM-France/Lucie-Training"


def code_leg(code):
    return assess_model(hub_model("OpenLLM-France/Lucie-7B"), datasets={}, code=code, asserted=()).code


def test_training_code_under_an_osi_approved_licence_makes_the_code_leg_open():
    leg = code_leg((CodeEvidence(code_url=LUCIE_TRAINING, code_license="Apache-2.0"),))

    assert leg.value is Value.OPEN
    assert leg.facts[0].url == LUCIE_TRAINING


def test_inference_code_only_makes_the_code_leg_partial():
    leg = code_leg((CodeEvidence(code_url=LUCIE_TRAINING, code_license="MIT", covers=Coverage.INFERENCE),))

    assert leg.value is Value.PARTIAL
    assert "inference code only" in leg.reason


def test_fine_tuning_code_only_makes_the_code_leg_partial():
    leg = code_leg((CodeEvidence(code_url=LUCIE_TRAINING, code_license="MIT", covers=Coverage.FINE_TUNING),))

    assert leg.value is Value.PARTIAL
    assert "fine-tuning code only" in leg.reason


def test_code_under_a_licence_that_is_not_osi_approved_makes_the_code_leg_partial():
    assert code_leg((CodeEvidence(code_url=LUCIE_TRAINING, code_license="CC-BY-NC-4.0"),)).value is Value.PARTIAL


def test_code_checked_and_published_without_a_licence_is_partial():
    assert code_leg((CodeEvidence(code_url=LUCIE_TRAINING, code_license=""),)).value is Value.PARTIAL


def test_a_repository_whose_licence_is_not_checked_yet_is_a_lead_not_a_verdict():
    leg = code_leg((CodeEvidence(code_url=LUCIE_TRAINING),))

    assert leg.value is Value.UNKNOWN
    assert "not been checked" in leg.reason


def test_one_open_pre_training_repository_among_several_makes_the_code_leg_open():
    inference = CodeEvidence(code_url="https://github.com/org/inference", code_license="MIT", covers=Coverage.INFERENCE)
    training = CodeEvidence(code_url=LUCIE_TRAINING, code_license="AGPL-3.0")

    leg = code_leg((inference, training))

    assert leg.value is Value.OPEN
    assert {fact.url for fact in leg.facts} == {"https://github.com/org/inference", LUCIE_TRAINING}


def test_an_unchecked_lead_does_not_hide_what_a_checked_repository_shows():
    inference = CodeEvidence(code_url="https://github.com/org/inference", code_license="MIT", covers=Coverage.INFERENCE)
    lead = CodeEvidence(code_url="https://github.com/org/trainer")

    assert code_leg((lead, inference)).value is Value.PARTIAL


def test_no_known_code_repository_leaves_the_code_leg_unknown_not_closed():
    leg = code_leg(())

    assert leg.value is Value.UNKNOWN
    assert leg.reason == "no code repository known"
