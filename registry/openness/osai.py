"""The European Open Source AI Index (Radboud University) as evidence: its ratings become statements about
our legs, always carrying the attribution that its CC-BY-4.0 licence requires.

Dimensions map to legs as follows: base- and end-model data sources to the corpus, training code to the
code, base- and end-model weights and the project's licences to the model. The other six dimensions
(documentation, papers, architecture) feed the other schemes, not the legs. `read_osai_dimension` reads each
rating as evidence for its own dimension, never as a verdict on ours (docs/methodology.md has the table).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from registry.openness.evidence import AssertedFact
from registry.openness.licence_reading import read_model_licence
from registry.openness.licences import default_licence_table
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

_WITHDRAWN = re.compile(r"taken down|withdrawn|no longer (?:available|shared)|removed from", re.IGNORECASE)
_WEIGHTS_TERMS = re.compile(r"weights:\s*(.+?)(?:\.\s|\.?$)", re.IGNORECASE)
_CODE_HOSTS = re.compile(r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)/", re.IGNORECASE)
_HUB_MODEL = re.compile(r"^https?://huggingface\.co/(?!datasets/|spaces/)[^/]+/[^/#?]+", re.IGNORECASE)


@dataclass(frozen=True)
class OsaiReading:
    """What one Index dimension says about one of our legs: a value (often unknown) and why."""

    leg: Leg
    value: Value
    reading: str


def read_osai_dimension(ref: str, dimension: Mapping) -> OsaiReading:
    """Our reading of one Index rating (see the table in docs/methodology.md).

    The Index is evidence for its own dimensions, not a verdict on our legs: its "not found" ratings are
    absences (unknown), its `open` ratings are leads (unknown: its criteria are looser than E2E's), and only
    positive statements become values: some data shared (corpus partial), sparse code in a repository (code
    partial), a weights licence that is not open (model partial), weights withdrawn (model closed).
    """
    rating = dimension.get("class") or ""
    notes = (dimension.get("notes") or "").strip()
    links = _links(dimension.get("link"))
    reader = {Leg.MODEL: _read_weights, Leg.CODE: _read_code, Leg.CORPUS: _read_data}[DIMENSION_LEGS[ref]]
    if ref == "licenses":
        reader = _read_licences
    value, reading = reader(rating, notes, links)
    return OsaiReading(leg=DIMENSION_LEGS[ref], value=value, reading=reading)


def _read_licences(rating: str, notes: str, links: list[str]) -> tuple[Value, str]:
    if rating == "open":
        return Value.UNKNOWN, "the Index finds the whole project openly licensed: our legs check each licence"
    terms = _weights_terms(notes, links)
    if terms is None:
        return Value.UNKNOWN, (
            "the Index's licences rating judges weights, code and data together, and its note is not about the "
            "weights: it cannot decide the model leg"
        )
    if read_model_licence(terms, default_licence_table()).value is Value.OPEN:
        return Value.UNKNOWN, f"the weights are under {terms}, an open licence: the Index's shortfall is in code or data"
    return Value.PARTIAL, f"the Index finds the weights' licence ({terms}) not open"


def _weights_terms(notes: str, links: list[str]) -> str | None:
    """The licence text the note gives for the weights, or None when the note is not about the weights."""
    match = _WEIGHTS_TERMS.search(notes)
    if match:
        return match.group(1).strip()
    if notes and any(_HUB_MODEL.match(link) for link in links):
        return re.split(r"[,;]", notes, maxsplit=1)[0].strip()
    return None


def _read_weights(rating: str, notes: str, links: list[str]) -> tuple[Value, str]:
    if rating == "closed" and _WITHDRAWN.search(notes):
        return Value.CLOSED, "the Index records that the weights were withdrawn"
    if rating == "closed":
        return Value.UNKNOWN, "the Index found no such weights: an absence, not a statement that they are withheld"
    where = " on the Hub" if any(_HUB_MODEL.match(link) for link in links) else ""
    return Value.UNKNOWN, (
        f"the Index finds the weights published{where}: the model leg reads their licence and gate from the Hub"
    )


def _read_code(rating: str, notes: str, links: list[str]) -> tuple[Value, str]:
    repositories = [link for link in links if _CODE_HOSTS.match(link)]
    lead = f"; it links {', '.join(repositories)}, a lead to check" if repositories else ""
    if rating == "partial" and repositories:
        return Value.PARTIAL, f"the Index finds only sparse training code{lead}"
    if rating == "closed":
        return Value.UNKNOWN, f"the Index found no training code: an absence, not a statement that none is published{lead}"
    return Value.UNKNOWN, f"the Index rates the training code {rating or 'not at all'}: not enough for our code leg{lead}"


def _read_data(rating: str, notes: str, links: list[str]) -> tuple[Value, str]:
    if rating == "partial":
        return Value.PARTIAL, "the Index finds only some of the training data sources shared"
    if rating == "closed":
        return Value.UNKNOWN, "the Index found no shared data sources: an absence, not a statement that they are withheld"
    return Value.UNKNOWN, "the Index finds the data sources shared by its own criteria: each dataset is checked here"


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


def osai_statement_text(ref: str, dimension: Mapping) -> str:
    """What the Index says for one dimension, and our reading of it."""
    notes = f": {dimension['notes'].strip().rstrip('.')}" if (dimension.get("notes") or "").strip() else ""
    reading = read_osai_dimension(ref, dimension)
    return f"{_DIMENSION_NAMES[ref]} rated {dimension['class']} by the Index{notes}. Reading: {reading.reading}"


def _statement(ref: str, dimension: Mapping, index_url: str | None, seen_at: datetime | None) -> AssertedFact:
    return AssertedFact(
        leg=DIMENSION_LEGS[ref],
        value=read_osai_dimension(ref, dimension).value,
        source=f"{OSAI_INDEX}:{ref}",
        statement=osai_statement_text(ref, dimension),
        url=_first_link(dimension.get("link")) or index_url or OSAI_INDEX_URL,
        seen_at=seen_at,
        attribution=OSAI_ATTRIBUTION,
    )


def _links(link: str | list[str] | None) -> list[str]:
    if isinstance(link, list):
        return [item for item in link if item]
    return [link] if link else []


def _first_link(link: str | list[str] | None) -> str | None:
    return next(iter(_links(link)), None)
