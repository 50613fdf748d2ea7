"""Other openness schemes judged from the same evidence, shown beside the E2E legs.

- European Open Source AI Index score: the mean of its 12 dimensions (open 1, partial 0.5, closed 0).
- LF Model Openness Framework (MOF): Class III open model, Class II open tooling, Class I open science,
  each containing the one below. Estimated here from our legs and the OSAI dimensions.
- OSI Open Source AI Definition 1.0 (OSAID): code and parameters under OSI-approved terms, plus data
  information (not the data itself).
The MOF and OSAID verdicts are estimates: the registry does not check every component those schemes list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from registry.openness.types import Assessment, LegResult, Value


def translatable(text: str) -> str:
    """Marks a sentence that the website shows translated (makemessages reads this marker); the rules stay
    free of Django and keep the English text."""
    return text


WHY_SCHEMES_DISAGREE = translatable(
    "The schemes ask different questions of the same artefacts. E2E (OpenLLM-France) asks whether anyone "
    "can get and reuse everything: code under an OSI licence, weights without restriction on who or what, and "
    "all of the training data publicly available. The OSI Open Source AI Definition asks for code and "
    "weights under OSI-approved terms but only for information about the data, so a model trained on "
    "unreleased data can meet it. The European Open Source AI Index grades 12 dimensions, half of them about "
    "documentation (papers, model card, datasheet), and averages them, so good documentation raises a score "
    "that restricted weights would fail under E2E. The Model Openness Framework counts components released "
    "under open licences in three nested classes, so a model can reach Class III with open weights and "
    "documentation while its data stays closed."
)

_OSAI_POINTS = {"open": 1.0, "partial": 0.5, "closed": 0.0}
_DOCUMENTED = ("open", "partial")
_NOT_CHECKED = "evaluation results and code, sample outputs and intermediate parameters are not checked here"


@dataclass(frozen=True, kw_only=True)
class SchemeEstimate:
    """A scheme's verdict: `met` is True or False, or None when the evidence cannot tell."""

    scheme: str
    result: str
    met: bool | None
    reasons: tuple[str, ...]
    estimate: bool = True


@dataclass(frozen=True)
class _Requirement:
    component: str
    met: bool | None
    why: str

    def __str__(self) -> str:
        status = {True: "met", False: "not met", None: "not confirmed"}[self.met]
        return f"{self.component}: {status} ({self.why})"


def osai_score(dimensions: Mapping[str, Mapping]) -> tuple[float | None, int]:
    """The OSAI Index score: the mean over dimensions that have a class, and how many were counted.

    Dimensions left empty are not counted (the index's readme calls them NA; its site would count them 0,
    but no European model has one).
    """
    points = [_OSAI_POINTS[dimension["class"]] for dimension in dimensions.values() if dimension.get("class")]
    return (sum(points) / len(points) if points else None, len(points))


def mof_class_estimate(assessment: Assessment, dimensions: Mapping[str, Mapping] | None = None) -> SchemeEstimate:
    """Estimate the highest MOF class whose components the evidence confirms; "not met" below Class III."""
    dims = dimensions or {}
    classes = (
        ("Class III", _class_iii_requirements(assessment, dims)),
        ("Class II", [_leg_requirement("training and inference code under an open licence", assessment.code)]),
        ("Class I", _class_i_requirements(assessment, dims)),
    )
    result, reasons, confirmed = "not met", [], True
    for name, requirements in classes:
        reasons += [f"{name}, {requirement}" for requirement in requirements]
        confirmed = confirmed and all(requirement.met for requirement in requirements)
        if confirmed:
            result = name
    return SchemeEstimate(
        scheme="LF Model Openness Framework",
        result=result,
        met=result != "not met",
        reasons=(*reasons, f"An estimate: {_NOT_CHECKED}."),
    )


def osaid_conditions(assessment: Assessment, dimensions: Mapping[str, Mapping] | None = None) -> SchemeEstimate:
    """Whether the OSI Open Source AI Definition 1.0 conditions look met: code, parameters, data information."""
    requirements = [
        _leg_requirement("complete code to train and run the model under OSI-approved licences", assessment.code),
        _parameters_requirement(assessment.model),
        _data_information_requirement(assessment.corpus, dimensions or {}),
    ]
    met = _all_met(requirements)
    result = {True: "conditions look met", False: "not met", None: "cannot tell"}[met]
    return SchemeEstimate(
        scheme="OSI Open Source AI Definition 1.0",
        result=result,
        met=met,
        reasons=tuple(str(requirement) for requirement in requirements),
    )


def _class_iii_requirements(assessment: Assessment, dims: Mapping[str, Mapping]) -> list[_Requirement]:
    return [
        _leg_requirement("final model parameters under an open licence", assessment.model),
        _dimension_requirement("model architecture", dims, "hardware_architecture"),
        _dimension_requirement("technical report", dims, "preprint", "paper"),
        _dimension_requirement("model card", dims, "modelcard"),
        _dimension_requirement("data card", dims, "datasheet"),
    ]


def _class_i_requirements(assessment: Assessment, dims: Mapping[str, Mapping]) -> list[_Requirement]:
    return [
        _leg_requirement("datasets publicly available", assessment.corpus),
        _dimension_requirement("research paper", dims, "paper", "preprint"),
    ]


def _leg_requirement(component: str, result: LegResult) -> _Requirement:
    met = {Value.OPEN: True, Value.PARTIAL: False, Value.CLOSED: False}.get(result.value)
    return _Requirement(component, met, f"{result.leg} leg {result.value}: {result.reason}")


def _dimension_requirement(component: str, dims: Mapping[str, Mapping], *refs: str) -> _Requirement:
    rated = {ref: dims[ref]["class"] for ref in refs if dims.get(ref, {}).get("class")}
    if not rated:
        return _Requirement(component, None, "no OSAI Index rating")
    ratings = ", ".join(f"{ref} {value}" for ref, value in rated.items())
    return _Requirement(component, any(value in _DOCUMENTED for value in rated.values()), f"OSAI Index: {ratings}")


def _parameters_requirement(model: LegResult) -> _Requirement:
    requirement = _leg_requirement("parameters under OSI-approved terms", model)
    if requirement.met:
        # The OSI has published no list of approved terms for parameters; open-data licences are read as such.
        return _Requirement(requirement.component, True, f"{requirement.why}; read as OSI-compatible terms")
    return requirement


def _data_information_requirement(corpus: LegResult, dims: Mapping[str, Mapping]) -> _Requirement:
    component = "data information (enough detail to build a substantially equivalent system)"
    if corpus.value in (Value.OPEN, Value.CLOSED):
        return _leg_requirement(component, corpus)
    datasheet = dims.get("datasheet", {}).get("class")
    if datasheet == "open":
        return _Requirement(component, True, "OSAI Index rates the datasheet open")
    why = f"corpus leg {corpus.value}; whether the data is described in enough detail is not checked"
    return _Requirement(component, None, why)


def _all_met(requirements: Sequence[_Requirement]) -> bool | None:
    if any(requirement.met is False for requirement in requirements):
        return False
    return True if all(requirement.met for requirement in requirements) else None
