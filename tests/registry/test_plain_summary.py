"""The first words of a project's page: one plain sentence per leg, model first, from the legs' values."""

from types import SimpleNamespace

import pytest

from registry.views.plain_summary import plain_summary


def leg(leg, value, reason="", override_value="", override_justification="", caveats=()):
    return SimpleNamespace(leg=leg, value=value, reason=reason, override_value=override_value,
                           override_justification=override_justification, caveats=list(caveats))


def texts(*rows):
    return [sentence.text for sentence in plain_summary(rows)]


def test_the_summary_reads_model_then_code_then_corpus():
    rows = (leg("corpus", "partial"), leg("code", "open"), leg("model", "open"))

    assert texts(*rows) == [
        "Open weights: you may download the weights and use them for any purpose.",
        "The training code is published under an open-source licence.",
        "The training data is only partly public.",
    ]
    assert [(s.leg, s.value) for s in plain_summary(rows)] == [("model", "open"), ("code", "open"),
                                                               ("corpus", "partial")]


def test_a_missing_leg_reads_as_not_known_yet():
    assert texts() == [
        "Weights: the registry does not know yet whether anyone may download them, nor on what terms.",
        "Whether the training code is published is not known yet.",
        "Whether the training data is public is not known yet.",
    ]


@pytest.mark.parametrize(("leg_name", "value", "text"), [
    ("model", "closed", "Closed weights: the weights are not published for anyone to download."),
    ("code", "partial", "The training code is only partly public: some of it is missing, or its licence is not "
                        "open source."),
    ("code", "closed", "The training code is not published."),
    ("corpus", "open", "The training data is public, under terms that let anyone reuse it."),
    ("corpus", "closed", "The training data is not public."),
])
def test_each_leg_value_has_its_sentence(leg_name, value, text):
    assert text in texts(leg(leg_name, value))


@pytest.mark.parametrize(("reason", "text"), [
    ("manual gate: the owner approves each request, so not anyone gets the weights",
     "Restricted weights: the weights are published, but their owner approves each request to download them."),
    ("MLRS/BERTu, its most open checkpoint: CC-BY-NC-SA-4.0 forbids commercial use",
     "Restricted weights: you may download the weights, but not use them commercially."),
    ("no licence declared: without a licence no rights are granted",
     "Restricted weights: the weights can be downloaded, but no licence is declared, so no right to use them is "
     "granted."),
    ("custom licence stable-audio-community (LICENSE): not a licence known to restrict neither who nor what",
     "Restricted weights: you may download the weights, but their licence limits who may use them or for what."),
    ("a moderator states: something else entirely",
     "Restricted weights: the weights are published, but with limits on who may get them or what they may be "
     "used for."),
])
def test_restricted_weights_say_what_restricts_them(reason, text):
    assert texts(leg("model", "partial", reason))[0] == text


def test_an_override_is_explained_by_the_moderators_justification_not_the_computed_reason():
    row = leg("model", "partial", reason="apache-2.0 without a gate", override_value="partial",
              override_justification="The owner runs a manual gate on its own site.")

    assert texts(row)[0].startswith("Restricted weights: the weights are published, but their owner approves")


LUCIE_REQUEST = ("The model card asks (a request, not a licence term): that usage of the model be limited to "
                 "non-commercial purposes until a discussion with the copyright holder of one subcorpus is finalized.")


def test_open_weights_whose_card_asks_for_non_commercial_use_never_read_for_any_purpose():
    [model, _, _] = texts(leg("model", "open", caveats=[LUCIE_REQUEST]))

    assert "any purpose" not in model
    assert model == ("Open weights: you may download the weights under an open licence, but their producer asks that "
                     "they not be used commercially for now (a request, not a licence term; see the caveat below).")


def test_open_weights_behind_an_automatic_gate_name_the_gate():
    caveat = "Access is through an automatic gate; its conditions are part of the agreement: share your e-mail"

    assert "after accepting the gate's conditions" in texts(leg("model", "open", caveats=[caveat]))[0]


def test_open_training_data_with_a_non_commercial_dataset_says_so():
    caveat = "Training dataset x/y is public but its licence CC-BY-NC-4.0 forbids commercial use: reuse is limited."

    assert texts(leg("corpus", "open", caveats=[caveat]))[2] == (
        "The training data is public, but part of it may not be reused commercially (see the caveat below).")


def test_a_provisional_value_is_not_a_usage_caveat():
    provisional = "Provisional: nothing settled this leg; the value shown is the best the card's prose allows."

    assert texts(leg("model", "open", caveats=[provisional]))[0] == (
        "Open weights: you may download the weights and use them for any purpose.")
