"""The corpus leg computed from the Hub: is every training dataset named and publicly available?

Datasets count as named when the card declares them (`datasets:` or `dataset:` tags) or a person asserts
them. Each is checked on the Hub: public (no gate or an automatic gate) is open; a manual gate, or a
dataset the Hub does not have, is partial. The corpus is open only when every dataset is. A card that
names no datasets leaves the corpus unknown, shown partial when its prose describes the data; prose that
mentions undeclared data keeps the corpus from being computed open. Data licences do not change the value:
restrictive ones are caveats, and a model licence more permissive than its data's is flagged (§2b).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from registry.openness.evidence import HUB_URL, AssertedFact, DatasetEvidence, ModelEvidence
from registry.openness.findings import Finding, all_required
from registry.openness.licence_reading import LicenceReading, read_data_licence
from registry.openness.licences import LicenceTable
from registry.openness.types import Fact, Gate, Kind, Leg, Value


def compute_corpus_leg(
    model: ModelEvidence,
    datasets: Mapping[str, DatasetEvidence],
    named_by_people: Sequence[AssertedFact],
    table: LicenceTable,
) -> Finding:
    """The corpus leg from the datasets the card declares or people name, as the Hub reports them."""
    dataset_ids = training_dataset_ids(model, named_by_people)
    if not dataset_ids:
        return _no_datasets_named(model)
    licences = dataset_licences(dataset_ids, datasets, table)
    combined = all_required(
        [_dataset_finding(repo_id, datasets.get(repo_id), licences.get(repo_id)) for repo_id in dataset_ids],
        open_reason="every named training dataset is publicly available on the Hub",
    )
    undeclared = _undeclared_mentions(model, dataset_ids)
    if undeclared and combined.value is Value.OPEN:
        return _not_computable_as_open(model, combined, undeclared)
    return combined


def training_dataset_ids(model: ModelEvidence, named_by_people: Sequence[AssertedFact]) -> tuple[str, ...]:
    named = tuple(repo_id for statement in named_by_people for repo_id in statement.datasets)
    return tuple(dict.fromkeys(model.declared_datasets + named))


def dataset_licences(
    dataset_ids: Sequence[str], datasets: Mapping[str, DatasetEvidence], table: LicenceTable
) -> dict[str, LicenceReading]:
    """The licence reading of each named dataset the Hub reported."""
    return {
        repo_id: read_data_licence(datasets[repo_id].license, table)
        for repo_id in dataset_ids
        if repo_id in datasets and datasets[repo_id].exists
    }


def licence_contamination_warnings(
    model_licence: LicenceReading, data_licences: Mapping[str, LicenceReading]
) -> tuple[str, ...]:
    """§2b: flag each dataset whose licence is more restrictive than the model's own."""
    model_level = model_licence.permissiveness
    if model_level is None:
        return ()
    return tuple(
        f"Licence contamination (§2b): the model's licence ({model_licence.declared}) is more permissive than "
        f"that of its training data {repo_id} ({reading.declared}: {reading.reason})."
        for repo_id, reading in data_licences.items()
        if reading.permissiveness is not None and reading.permissiveness < model_level
    )


def _no_datasets_named(model: ModelEvidence) -> Finding:
    if model.training_data_in_prose:
        reason = "the card describes its training data only in prose, without declaring datasets"
        fact = _prose_fact(model, reason)
        return Finding(value=Value.UNKNOWN, reason=reason, facts=(fact,), fallback=Value.PARTIAL)
    reason = "the card names no training datasets"
    fact = _fact("hub:cardData.datasets", "no `datasets:` in the card", Value.UNKNOWN, reason, model.url, model)
    return Finding(value=Value.UNKNOWN, reason=reason, facts=(fact,))


def _not_computable_as_open(model: ModelEvidence, combined: Finding, undeclared: tuple[str, ...]) -> Finding:
    reason = f"the card's prose mentions training data it does not declare ({'; '.join(undeclared)})"
    return Finding(
        value=Value.UNKNOWN,
        reason=reason,
        facts=combined.facts + (_prose_fact(model, reason),),
        caveats=combined.caveats,
        fallback=Value.PARTIAL,
    )


def _undeclared_mentions(model: ModelEvidence, dataset_ids: Sequence[str]) -> tuple[str, ...]:
    known = [repo_id.lower() for repo_id in dataset_ids]
    return tuple(
        mention for mention in model.training_data_in_prose if not any(repo_id in mention.lower() for repo_id in known)
    )


def _dataset_finding(repo_id: str, evidence: DatasetEvidence | None, licence: LicenceReading | None) -> Finding:
    if evidence is None:
        value, shows, reason = Value.UNKNOWN, "not checked on the Hub yet", f"{repo_id} has not been checked yet"
    elif not evidence.exists:
        value, shows = Value.PARTIAL, "the Hub has no such dataset"
        reason = f"{repo_id} does not exist on the Hub (or is private), so it is not publicly available"
    elif Gate(evidence.gated) is Gate.MANUAL:
        value, shows = Value.PARTIAL, f"gated: manual; licence: {_licence_text(licence)}"
        reason = f"{repo_id} is gated with manual approval: not anyone can get it"
    else:
        value, shows = Value.OPEN, f"public (gated: {Gate(evidence.gated)}); licence: {_licence_text(licence)}"
        reason = f"{repo_id} is publicly available"
    url = f"{HUB_URL}/datasets/{repo_id}"
    fact = _fact(f"hub:dataset:{repo_id}", f"{repo_id}: {shows}", value, reason, url, evidence)
    return Finding(value=value, reason=reason, facts=(fact,), caveats=_licence_caveats(repo_id, value, licence))


def _licence_caveats(repo_id: str, value: Value, licence: LicenceReading | None) -> tuple[str, ...]:
    if value is not Value.OPEN or licence is None or licence.value is not Value.PARTIAL:
        return ()
    return (f"Training dataset {repo_id} is public but {licence.reason}: reuse is limited by its terms.",)


def _licence_text(licence: LicenceReading | None) -> str:
    return licence.declared if licence and licence.declared else "not declared"


def _prose_fact(model: ModelEvidence, reason: str) -> Fact:
    shows = "the card's prose mentions: " + "; ".join(model.training_data_in_prose)
    return _fact("hub:card-prose", shows, Value.PARTIAL, reason, model.url, model)


def _fact(
    source: str, shows: str, value: Value, reason: str, url: str, seen: ModelEvidence | DatasetEvidence | None
) -> Fact:
    return Fact(
        leg=Leg.CORPUS,
        source=source,
        shows=shows,
        value=value,
        reason=reason,
        kind=Kind.COMPUTED,
        url=url,
        seen_at=seen.seen_at if seen else None,
        revision_at=seen.revision_at if seen else None,
        seen_via=seen.seen_via if seen else None,
    )
