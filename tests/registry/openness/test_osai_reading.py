"""The European Open Source AI Index is evidence for its own dimensions, not a verdict on our legs."""

import pytest

from registry.openness import Leg, Value
from registry.openness.osai import read_osai_dimension


def rating(rating, notes="", link=None):
    return {"class": rating, "notes": notes, "link": link}


@pytest.mark.parametrize(
    ("notes", "link"),
    [
        ("Weights: Apache-2.0. Code: not released. Data: CDLA Permissive 2.0.", None),
        ("Not an OSI approved license", "https://github.com/acids-ircam/RAVE/blob/master/LICENSE"),
        ("Model weights provided under MIT, but training data inherits unclarity.", None),
        ("License unclear.", None),
    ],
)
def test_a_licences_shortfall_not_about_restricted_weights_leaves_the_model_leg_unknown(notes, link):
    assert read_osai_dimension("licenses", rating("closed", notes, link)).value is Value.UNKNOWN


@pytest.mark.parametrize(
    ("notes", "link"),
    [
        ("Weights: Stability AI Non-Commercial Research Community License. Code: Apache-2.0.", None),
        ("Llama 3.3 Community License Agreement, not an OSI recognised open license",
         "https://huggingface.co/LumiOpen/Llama-Poro-2-70B-Instruct#license"),
        ("Weights: Modified MIT License. Code: not released. Data: not disclosed.", None),
    ],
)
def test_a_licences_rating_about_the_weights_makes_the_model_leg_at_most_partial(notes, link):
    reading = read_osai_dimension("licenses", rating("closed", notes, link))

    assert (reading.leg, reading.value) == (Leg.MODEL, Value.PARTIAL)


@pytest.mark.parametrize("ref", ["weights_basemodel", "weights_endmodel"])
def test_weights_not_found_is_an_absence_and_gated_weights_are_published(ref):
    assert read_osai_dimension(ref, rating("closed", "No weights found.")).value is Value.UNKNOWN
    on_hub = read_osai_dimension(ref, rating("partial", "Gated model.", "https://huggingface.co/org/model"))
    assert on_hub.value is Value.UNKNOWN
    assert "published on the Hub" in on_hub.reading


def test_weights_taken_down_are_the_positive_fact_closed_needs():
    notes = "Instruction-tuned model formerly made available through HuggingFace, now taken down"

    assert read_osai_dimension("weights_endmodel", rating("closed", notes)).value is Value.CLOSED


def test_no_training_code_found_is_an_absence_and_a_linked_repository_is_a_lead():
    assert read_osai_dimension("trainingcode", rating("closed", "No training code found.")).value is Value.UNKNOWN
    lead = read_osai_dimension("trainingcode", rating("open", "", "https://github.com/OpenLLM-France/Lucie-Training"))
    assert lead.value is Value.UNKNOWN
    assert "https://github.com/OpenLLM-France/Lucie-Training, a lead to check" in lead.reading


def test_sparse_code_in_a_repository_is_partial_but_a_description_alone_is_not_code():
    in_repo = rating("partial", "minimal code to run our models", "https://github.com/mistralai/mistral-inference")
    described = rating("partial", "Model card contains a broad description.", "https://huggingface.co/org/model")

    assert read_osai_dimension("trainingcode", in_repo).value is Value.PARTIAL
    assert read_osai_dimension("trainingcode", described).value is Value.UNKNOWN


def test_data_sources_partly_shared_make_the_corpus_partial_and_none_found_is_an_absence():
    assert read_osai_dimension("datasources_basemodel", rating("partial")).value is Value.PARTIAL
    assert read_osai_dimension("datasources_endmodel", rating("closed")).value is Value.UNKNOWN
    assert read_osai_dimension("datasources_endmodel", rating("open")).value is Value.UNKNOWN
