"""Project.schemes: the other openness schemes judged from the same evidence, stored as JSON for the pages.

Each entry has the scheme's name, its `value` and the `reasons` behind it. The OSAI Index entry carries the
attribution its CC-BY-4.0 licence requires; the MOF class and the OSAID verdict are estimates.
"""

from __future__ import annotations

from registry.models import IndexAssessment
from registry.openness import (
    OSAI_ATTRIBUTION,
    OSAI_CITATION,
    Assessment,
    SchemeEstimate,
    mof_class_estimate,
    osai_score,
    osaid_conditions,
)

OSAI_DIMENSIONS = {
    "datasources_basemodel": "Base model data",
    "datasources_endmodel": "End model data",
    "weights_basemodel": "Base model weights",
    "weights_endmodel": "End model weights",
    "trainingcode": "Training code",
    "code": "Code documentation",
    "hardware_architecture": "Hardware and architecture",
    "preprint": "Preprint",
    "paper": "Peer-reviewed paper",
    "modelcard": "Model card",
    "datasheet": "Datasheet",
    "licenses": "Licences",
}


def project_schemes(assessment: Assessment, index: IndexAssessment | None) -> dict:
    """The OSAI Index score (None when the Index has not rated the project), the MOF class and OSAID."""
    dimensions = index.dimensions if index else {}
    return {
        "osai": _osai_entry(index),
        "mof": _estimate_entry(mof_class_estimate(assessment, dimensions)),
        "osaid": _estimate_entry(osaid_conditions(assessment, dimensions)),
    }


def _osai_entry(index: IndexAssessment | None) -> dict | None:
    if index is None:
        return None
    score, counted = osai_score(index.dimensions)
    return {
        "scheme": "European Open Source AI Index",
        "value": round(score, 2) if score is not None else None,
        "dimensions_counted": counted,
        "dimensions": [_dimension(ref, index.dimensions[ref]) for ref in OSAI_DIMENSIONS if ref in index.dimensions],
        "reasons": [f"mean of {counted} rated dimensions (open 1, partial 0.5, closed 0)"],
        "system": index.system_name,
        "url": index.url,
        "attribution": OSAI_ATTRIBUTION,
        "citation": OSAI_CITATION,
    }


def _dimension(ref: str, dimension: dict) -> dict:
    return {"ref": ref, "name": OSAI_DIMENSIONS[ref], "value": dimension.get("class"), "notes": dimension.get("notes")}


def _estimate_entry(estimate: SchemeEstimate) -> dict:
    return {
        "scheme": estimate.scheme,
        "value": estimate.result,
        "met": estimate.met,
        "reasons": list(estimate.reasons),
        "estimate": estimate.estimate,
    }
