"""The paths that used to make a leg too generous: each now stops short of `open`."""

from registry.openness import (
    CodeEvidence,
    Coverage,
    DatasetEvidence,
    Gate,
    ModelEvidence,
    Value,
    assess_model,
)

DATA = "org/finetune-data"
PUBLIC_DATA = {DATA: DatasetEvidence(repo_id=DATA)}


def test_an_automatic_gate_whose_form_limits_use_to_non_commercial_research_makes_the_model_leg_partial():
    model = ModelEvidence(
        repo_id="DeepFloyd/IF-I-XL-v1.0", license="apache-2.0", gated=Gate.AUTO,
        gate_fields=("I accept the above license agreement, and will use the Software non-commercially and for "
                     "research purposes only",),
    )

    leg = assess_model(model, {}, (), ()).model

    assert leg.value is Value.PARTIAL
    assert "non-commercially" in leg.reason


def test_an_automatic_gate_asking_only_for_contact_details_keeps_open_weights_open():
    model = ModelEvidence(repo_id="org/model", license="apache-2.0", gated=Gate.AUTO,
                          gate_prompt="Share your contact details to access the model.", gate_fields=("Name", "Email"))

    assert assess_model(model, {}, (), ()).model.value is Value.OPEN


def test_license_other_with_a_known_licence_name_is_read_as_that_licence():
    model = ModelEvidence(repo_id="org/model", license="other", license_name="apache-2.0")

    assert assess_model(model, {}, (), ()).model.value is Value.OPEN


def test_license_other_named_research_only_reads_as_non_commercial():
    model = ModelEvidence(repo_id="org/model", license="other", license_name="Research only licence")

    leg = assess_model(model, {}, (), ()).model

    assert leg.value is Value.PARTIAL
    assert "non-commercial or research" in leg.reason


def test_a_fine_tune_naming_its_base_only_outside_the_card_is_not_open_on_its_fine_tuning_data_alone():
    declared = ModelEvidence(repo_id="someone/Mistral-7B-turkish", license="apache-2.0", datasets=(DATA,))
    named = ModelEvidence(repo_id="someone/Mistral-7B-turkish", license="apache-2.0", datasets=(DATA,),
                          named_base_models=("mistralai/Mistral-7B-Instruct-v0.2",))

    assert assess_model(declared, PUBLIC_DATA, (), ()).corpus.value is Value.OPEN
    assert assess_model(named, PUBLIC_DATA, (), ()).corpus.value is Value.UNKNOWN


def test_inference_only_code_never_makes_the_code_leg_open():
    code = (CodeEvidence(code_url="https://github.com/org/inference", code_license="Apache-2.0",
                         covers=Coverage.INFERENCE),)

    assert assess_model(ModelEvidence(repo_id="org/model"), {}, code, ()).code.value is Value.PARTIAL
