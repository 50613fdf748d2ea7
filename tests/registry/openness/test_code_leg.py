from registry.openness import CodeEvidence, Value, assess_model

from . import hub_model

LUCIE_TRAINING = "https://github.com/OpenLLM-France/Lucie-Training"


def code_leg(code):
    return assess_model(hub_model("OpenLLM-France/Lucie-7B"), datasets={}, code=code, asserted=()).code


def test_training_code_under_an_osi_approved_licence_makes_the_code_leg_open():
    leg = code_leg(CodeEvidence(code_url=LUCIE_TRAINING, code_license="Apache-2.0"))

    assert leg.value is Value.OPEN
    assert leg.facts[0].url == LUCIE_TRAINING


def test_inference_code_only_makes_the_code_leg_partial():
    leg = code_leg(CodeEvidence(code_url=LUCIE_TRAINING, code_license="MIT", covers_training=False))

    assert leg.value is Value.PARTIAL
    assert "only inference code" in leg.reason


def test_code_under_a_licence_that_is_not_osi_approved_makes_the_code_leg_partial():
    assert code_leg(CodeEvidence(code_url=LUCIE_TRAINING, code_license="CC-BY-NC-4.0")).value is Value.PARTIAL


def test_code_published_without_a_licence_is_partial():
    assert code_leg(CodeEvidence(code_url=LUCIE_TRAINING)).value is Value.PARTIAL


def test_no_known_code_repository_leaves_the_code_leg_unknown_not_closed():
    leg = code_leg(None)

    assert leg.value is Value.UNKNOWN
    assert leg.reason == "no code repository known"
