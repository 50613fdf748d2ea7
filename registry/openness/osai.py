"""The European Open Source AI Index (Radboud University) as evidence: its ratings become statements about
our legs, always carrying the attribution that its CC-BY-4.0 licence requires.

Dimensions map to legs as follows: base- and end-model data sources to the corpus, training code to the
code, base- and end-model weights and the project's licences to the model. The other six dimensions
(documentation, papers, architecture) feed the other schemes, not the legs.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from registry.openness.evidence import AssertedFact
from registry.openness.precedence import OSAI_INDEX
from registry.openness.types import Leg, Value

OSAI_INDEX_URL = "https://osai-index.eu/"
OSAI_ATTRIBUTION = (
    "European Open Source AI Index (Liesenfeld, Blankvoort, Kalra, Dingemanse; Radboud University),"
    " CC-BY-4.0, doi:10.5281/zenodo.15386042, https://osai-index.eu/"
)
OSAI_CITATION = (
    "Liesenfeld, A. and Dingemanse, M. (2024). Rethinking open source generative AI: open-washing and the "
    "EU AI Act. In Proceedings of the 2024 ACM Conference on Fairness, Accountability, and Transparency "
    "(FAccT '24), pp. 1774-1787."
)

DIMENSION_LEGS = {
    "datasources_basemodel": Leg.CORPUS,
    "datasources_endmodel": Leg.CORPUS,
    "trainingcode": Leg.CODE,
    "weights_basemodel": Leg.MODEL,
    "weights_endmodel": Leg.MODEL,
    "licenses": Leg.MODEL,
}

_DIMENSION_NAMES = {
    "datasources_basemodel": "base model data",
    "datasources_endmodel": "end model data",
    "trainingcode": "training code",
    "weights_basemodel": "base model weights",
    "weights_endmodel": "end model weights",
    "licenses": "licences",
}


def osai_asserted_facts(
    dimensions: Mapping[str, Mapping],
    *,
    index_url: str | None = None,
    seen_at: datetime | None = None,
) -> tuple[AssertedFact, ...]:
    """Statements about our legs from one model's OSAI dimensions (`{ref: {class, link, notes}}`).

    Dimensions left empty (NA) and those that do not map to a leg give no statement.
    """
    return tuple(
        _statement(ref, dimensions[ref], index_url, seen_at)
        for ref in DIMENSION_LEGS
        if ref in dimensions and dimensions[ref].get("class")
    )


def _statement(ref: str, dimension: Mapping, index_url: str | None, seen_at: datetime | None) -> AssertedFact:
    value = Value(dimension["class"])
    notes = f": {dimension['notes']}" if dimension.get("notes") else ""
    return AssertedFact(
        leg=DIMENSION_LEGS[ref],
        value=value,
        source=f"{OSAI_INDEX}:{ref}",
        statement=f"{_DIMENSION_NAMES[ref]} rated {value}{notes}",
        url=_first_link(dimension.get("link")) or index_url or OSAI_INDEX_URL,
        seen_at=seen_at,
        attribution=OSAI_ATTRIBUTION,
    )


def _first_link(link: str | list[str] | None) -> str | None:
    if isinstance(link, list):
        return link[0] if link else None
    return link
