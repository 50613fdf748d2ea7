"""A project's assessment, summarised from the assessments of its model repositories (checkpoints).

The rule: a project is as open as its most open released checkpoint, taken whole. Its legs come from the
one checkpoint with the most open legs (ties: the model leg, then corpus, then code; then the first listed,
so list the flagship first). Legs are never picked from different checkpoints, which could show a family as
E2E open when no single checkpoint is. Every checkpoint's value is kept as a fact, and a caveat says when
they differ (Claire-7B-0.1 is CC-BY-NC-SA-4.0, Claire-7B-Apache-0.1 is Apache-2.0).

Statements about the project then apply by the precedence rule. The project's code repositories, when given,
replace the checkpoints' own code, while the pre-training code inherited from base models still counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from registry.openness.code_leg import compute_code_leg
from registry.openness.evidence import HUB_URL, AssertedFact, CodeEvidence
from registry.openness.findings import BASE_MODEL_SOURCE, Finding, all_required, inherit_from_base
from registry.openness.licences import LicenceTable, default_licence_table
from registry.openness.precedence import decide_leg
from registry.openness.rules import statements_by_leg
from registry.openness.types import Assessment, Fact, Kind, Leg, LegResult, Value

_SELECTION_RANKS = {Value.OPEN: 3, Value.PARTIAL: 2, Value.UNKNOWN: 1, Value.CLOSED: 0}


def summarise_project(
    repo_assessments: Sequence[Assessment],
    asserted: Sequence[AssertedFact],
    code: Sequence[CodeEvidence] = (),
    *,
    subject: str = "",
    licences: LicenceTable | None = None,
    named_bases: Sequence[str] = (),
    bases: Mapping[str, Assessment] | None = None,
) -> Assessment:
    """Assess a project from its checkpoints' assessments, statements about it and its code repositories.

    `named_bases` are other organisations' base models the family is built on, and `bases` their assessments
    where the registry has them: when no checkpoint carries that inheritance already, the project's corpus and
    code legs still cover the bases' (a base not assessed counts as unknown).
    """
    statements = statements_by_leg(asserted)
    best = most_open_checkpoint(repo_assessments)
    findings = {leg: _checkpoints_finding(leg, repo_assessments, best) for leg in Leg}
    if code:
        findings[Leg.CODE] = _project_code_finding(code, best, licences or default_licence_table())
    legs = {leg: decide_leg(leg, findings[leg], statements[leg]) for leg in Leg}
    for leg in (Leg.CODE, Leg.CORPUS):
        if named_bases and not _inherits_already(legs[leg]):
            legs[leg] = _covering_bases(legs[leg], named_bases, bases or {})
    return Assessment(subject=subject or (best.subject if best else ""), **{leg.value: legs[leg] for leg in Leg})


def _inherits_already(result: LegResult) -> bool:
    return any(fact.source.startswith(BASE_MODEL_SOURCE) for fact in result.facts)


def _covering_bases(result: LegResult, named_bases: Sequence[str], bases: Mapping[str, Assessment]) -> LegResult:
    """The project's leg, lowered to what its base models allow (open only when theirs is open too)."""
    own = Finding(value=result.value, reason=result.reason)
    inherited = inherit_from_base(own, result.leg, named_bases, {b: a.leg(result.leg) for b, a in bases.items()})
    kept = inherited.value is result.value
    return replace(result, value=inherited.value, reason=inherited.reason, facts=result.facts + inherited.facts,
                   provisional=result.provisional and kept, decided_by=result.decided_by if kept else None)


def most_open_checkpoint(assessments: Sequence[Assessment]) -> Assessment | None:
    """The checkpoint with the most open legs; the first listed among equals."""
    return max(assessments, key=_openness_key, default=None)


def _openness_key(assessment: Assessment) -> tuple[int, ...]:
    open_legs = sum(result.value is Value.OPEN for result in assessment.legs)
    ranks = (_SELECTION_RANKS[assessment.leg(leg).value] for leg in (Leg.MODEL, Leg.CORPUS, Leg.CODE))
    return (open_legs, *ranks)


def _checkpoints_finding(leg: Leg, assessments: Sequence[Assessment], best: Assessment | None) -> Finding:
    if best is None:
        return Finding(value=Value.UNKNOWN, reason="no checkpoint of the project has been assessed")
    chosen = best.leg(leg)
    reason = chosen.reason if len(assessments) == 1 else f"{best.subject}, its most open checkpoint: {chosen.reason}"
    return Finding(
        # An unsettled checkpoint value stays open to the project's statements.
        value=chosen.value if chosen.settled else Value.UNKNOWN,
        reason=reason,
        facts=tuple(_checkpoint_fact(assessment, leg) for assessment in assessments)
        + tuple(fact for fact in chosen.facts if fact.kind is Kind.COMPUTED),
        caveats=chosen.caveats + _differences(leg, assessments, best),
        warnings=chosen.warnings,
        fallback=chosen.value if chosen.provisional else None,
        decided_by=best.subject,
    )


def _checkpoint_fact(assessment: Assessment, leg: Leg) -> Fact:
    result = assessment.leg(leg)
    return Fact(
        leg=leg,
        source=f"checkpoint:{assessment.subject}",
        shows=f"checkpoint {assessment.subject}: {leg} leg {result.value}",
        value=result.value,
        reason=result.reason,
        kind=Kind.COMPUTED,
        url=f"{HUB_URL}/{assessment.subject}",
    )


def _differences(leg: Leg, assessments: Sequence[Assessment], best: Assessment) -> tuple[str, ...]:
    values = {assessment.subject: assessment.leg(leg).value for assessment in assessments}
    if len(set(values.values())) < 2:
        return ()
    listed = "; ".join(f"{subject}: {value}" for subject, value in values.items())
    return (f"Checkpoints differ on the {leg} leg ({listed}); the project's leg starts from {best.subject}, its most "
            "open one, before statements about the whole project apply.",)


def _project_code_finding(code: Sequence[CodeEvidence], best: Assessment | None, table: LicenceTable) -> Finding:
    own = compute_code_leg(code, table)
    base_facts = [fact for fact in best.code.facts if fact.source.startswith(BASE_MODEL_SOURCE)] if best else []
    if not base_facts:
        return own
    inherited = [Finding(value=fact.value, reason=fact.reason, facts=(fact,)) for fact in base_facts]
    return all_required([own, *inherited], open_reason=f"{own.reason}; the base model's code is open too")
