"""The first words of a project's page: one plain sentence per leg, model first, from the legs' values."""

from types import SimpleNamespace

import pytest

from registry.views.plain_summary import plain_summary


def leg(leg, value, reason="", override_value="", override_justification=""):
    return SimpleNamespace(leg=leg, value=value, reason=reason, override_value=override_value,
                           override_justification=override_justification)


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
