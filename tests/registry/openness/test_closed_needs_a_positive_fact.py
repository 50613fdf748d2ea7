"""`closed` needs a positive fact, on every code path: the rules never read an absence as `closed`.

The combinations below cover every kind of evidence the rules read, with every value an absence can take:
Hub data in every shape, code repositories, base models, statements without a source, and every rating
the European Open Source AI Index can give with notes that state no withdrawal.
"""

import itertools
import json

import pytest

from registry.openness import (
    AssertedFact,
    CodeEvidence,
    Coverage,
    DatasetEvidence,
    Gate,
    Leg,
    ModelEvidence,
    Value,
    assess_model,
    osai_asserted_facts,
    summarise_project,
)
from registry.openness.osai import DIMENSION_LEGS, read_osai_dimension

from . import SEED_DATA

LICENCES = (None, "apache-2.0", "other", "cc-by-nc-4.0", "llama3.1", "unknown")
GATES = tuple(Gate)
DATASET_STATES = (
    {},
    {"org/data": DatasetEvidence(repo_id="org/data", exists=False)},
    {"org/data": DatasetEvidence(repo_id="org/data", gated=Gate.MANUAL)},
    {"org/data": DatasetEvidence(repo_id="org/data")},
)
CODE_STATES = (
    (),
    (CodeEvidence(code_url="https://github.com/org/trainer"),),
    (CodeEvidence(code_url="https://github.com/org/trainer", code_license=""),),
    (CodeEvidence(code_url="https://github.com/org/run", code_license="MIT", covers=Coverage.INFERENCE),),
)
UNSOURCED_CLOSED = tuple(
    AssertedFact(leg=leg, value=Value.CLOSED, source="contributor:someone", statement="I think it is closed")
    for leg in Leg
)


def _models():
    for licence, gate, weights, declares in itertools.product(LICENCES, GATES, (True, False), (True, False)):
        yield ModelEvidence(
            repo_id="org/model", license=licence, gated=gate, weights_published=weights,
            datasets=("org/data",) if declares else (), base_models=("other/base",) if declares else (),
        )


def _osai_ratings():
    """Every Index rating of every leg dimension, with a note that states an absence."""
    for ref, rating in itertools.product(DIMENSION_LEGS, ("open", "partial", "closed")):
        yield {ref: {"class": rating, "notes": "No information found.", "link": None}}


def test_no_combination_of_hub_data_code_and_unsourced_statements_yields_closed():
    for model, datasets, code in itertools.product(_models(), DATASET_STATES, CODE_STATES):
        assessment = assess_model(model, datasets, code, UNSOURCED_CLOSED)
        project = summarise_project([assessment], UNSOURCED_CLOSED, code)
        closed = [leg.leg for leg in (*assessment.legs, *project.legs) if leg.value is Value.CLOSED]
        assert not closed, (model, datasets, code, closed)


def test_no_index_rating_without_a_withdrawal_yields_closed():
    model = ModelEvidence(repo_id="org/model", weights_published=False)
    for dimensions in _osai_ratings():
        statements = osai_asserted_facts(dimensions, index_url="https://osai-index.eu/model/x")
        assessment = summarise_project([assess_model(model, {}, (), statements)], statements)
        assert all(leg.value is not Value.CLOSED for leg in assessment.legs), dimensions


@pytest.mark.parametrize("model", json.loads((SEED_DATA / "osai_index_european.json").read_text())["models"],
                         ids=lambda model: model["system"]["name"])
def test_the_seeded_index_ratings_yield_closed_only_from_a_recorded_withdrawal(model):
    for ref in DIMENSION_LEGS:
        reading = read_osai_dimension(ref, model["dimensions"][ref])
        if reading.value is Value.CLOSED:
            assert "withdrawn" in reading.reading and "taken down" in model["dimensions"][ref]["notes"]


def test_a_sourced_statement_that_the_weights_are_not_released_makes_the_model_leg_closed():
    statement = AssertedFact(
        leg=Leg.MODEL, value=Value.CLOSED, source="moderator:curation", url="https://example.org/announcement",
        statement="The producer states the weights will not be released.",
    )
    model = ModelEvidence(repo_id="org/model", weights_published=False)

    assert assess_model(model, {}, (), [statement]).model.value is Value.CLOSED
