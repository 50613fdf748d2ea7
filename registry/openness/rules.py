"""The E2E openness rules for one model repository (a checkpoint): evidence in, assessment out.

Each leg is first computed from the evidence the registry checks itself (`model_leg`, `corpus_leg`,
`code_leg`); a fine-tune's corpus and code legs then take in its base model's; finally statements by people
and the OSAI Index are weighed against the result (`precedence`). See docs/methodology.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from registry.openness.code_leg import compute_code_leg
from registry.openness.corpus_leg import (
    compute_corpus_leg,
    dataset_licences,
    licence_contamination_warnings,
    training_dataset_ids,
)
from registry.openness.evidence import AssertedFact, CodeEvidence, DatasetEvidence, ModelEvidence
from registry.openness.findings import Finding, inherit_from_base
from registry.openness.licence_reading import LicenceReading, read_model_licence
from registry.openness.licences import LicenceTable, default_licence_table
from registry.openness.model_leg import compute_model_leg
from registry.openness.precedence import decide_leg
from registry.openness.types import Assessment, Leg


def assess_model(
    model: ModelEvidence,
    datasets: Mapping[str, DatasetEvidence],
    code: Sequence[CodeEvidence],
    asserted: Sequence[AssertedFact],
    base_assessment: Assessment | None = None,
    *,
    licences: LicenceTable | None = None,
) -> Assessment:
    """Assess one model repository.

    `datasets` holds what the Hub reported for the datasets the card declares (or people name), keyed by
    repo id; a missing key means "not checked yet". `code` lists the project's code repositories.
    `base_assessment` is the assessment of the model this one was fine-tuned from, when the registry has it.
    `licences` is the licence table to read (the packaged one by default). Pure: no I/O.
    """
    table = licences or default_licence_table()
    statements = statements_by_leg(asserted)
    model_licence = read_model_licence(
        model.declared_licence, table, licence_name=model.license_name, licence_link=model.license_link
    )
    findings = {
        Leg.MODEL: _model_finding(model, model_licence, datasets, statements[Leg.CORPUS], table, base_assessment),
        Leg.CORPUS: compute_corpus_leg(model, datasets, statements[Leg.CORPUS], table),
        Leg.CODE: compute_code_leg(code, table),
    }
    findings = _inherit_from_bases(model, findings, base_assessment)
    return Assessment(
        subject=model.repo_id, **{leg.value: decide_leg(leg, findings[leg], statements[leg]) for leg in Leg}
    )


def statements_by_leg(asserted: Sequence[AssertedFact]) -> dict[Leg, tuple[AssertedFact, ...]]:
    return {leg: tuple(statement for statement in asserted if statement.leg is leg) for leg in Leg}


def _model_finding(
    model: ModelEvidence,
    model_licence: LicenceReading,
    datasets: Mapping[str, DatasetEvidence],
    corpus_statements: Sequence[AssertedFact],
    table: LicenceTable,
    base: Assessment | None,
) -> Finding:
    finding = compute_model_leg(model, model_licence, base)
    data_licences = dataset_licences(training_dataset_ids(model, corpus_statements), datasets, table)
    contamination = licence_contamination_warnings(model_licence, data_licences)
    return replace(finding, warnings=finding.warnings + contamination)


def _inherit_from_bases(
    model: ModelEvidence, findings: dict[Leg, Finding], base: Assessment | None
) -> dict[Leg, Finding]:
    """A fine-tune's corpus and code legs cover its base models' training data and pre-training code.

    Bases the card names without an assessment count as unknown; a `base` the card does not name (found in
    its prose, say) still counts, and so do bases named only outside the card's metadata.
    """
    named = model.declared_base_models or model.named_base_models
    base_ids = tuple(dict.fromkeys(named + ((base.subject,) if base else ())))
    if not base_ids:
        return findings
    inherited = {
        leg: inherit_from_base(findings[leg], leg, base_ids, {base.subject: base.leg(leg)} if base else {})
        for leg in (Leg.CORPUS, Leg.CODE)
    }
    return {**findings, **inherited}
