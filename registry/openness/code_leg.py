"""The code leg computed from the project's code repositories: are the model's code and its pre-training
tools published under an OSI-approved licence?

Each repository is judged on its own: pre-training code under an OSI-approved licence is open; inference or
fine-tuning code only, a licence that is not OSI-approved, or no licence at all is partial. A repository whose
licence nobody has checked yet is a lead, not a verdict (unknown). The leg is open when one repository is
open; otherwise the most open known value; unknown when nothing is known. No repository at all is unknown: a
missing repository is not proof that nothing was published.
"""

from __future__ import annotations

from collections.abc import Sequence

from registry.openness.evidence import CodeEvidence, Coverage
from registry.openness.findings import Finding
from registry.openness.licence_reading import read_code_licence
from registry.openness.licences import LicenceTable
from registry.openness.types import Fact, Leg, Value

_SCOPES = {
    Coverage.PRE_TRAINING: "pre-training code",
    Coverage.FINE_TUNING: "fine-tuning code only",
    Coverage.INFERENCE: "inference code only",
}


def compute_code_leg(code: Sequence[CodeEvidence], table: LicenceTable) -> Finding:
    """The code leg from the repositories that hold the model's code, if any are known."""
    if not code:
        return Finding(value=Value.UNKNOWN, reason="no code repository known")
    findings = [_repository_finding(repository, table) for repository in code]
    known = [finding for finding in findings if finding.value.is_known]
    deciding = max(known, key=lambda finding: finding.value.rank or 0, default=findings[0])
    return Finding(
        value=deciding.value, reason=deciding.reason, facts=tuple(fact for finding in findings for fact in finding.facts)
    )


def _repository_finding(code: CodeEvidence, table: LicenceTable) -> Finding:
    if code.code_license is None:
        value, reason = Value.UNKNOWN, f"the licence of {code.code_url} has not been checked yet"
    else:
        value, reason = _licensed_value(code, table)
    fact = Fact(
        leg=Leg.CODE,
        source=f"code-repository:{code.source}",
        shows=f"{code.code_url}: {_SCOPES[code.covers]}, licence {code.code_license or 'not checked'}",
        value=value,
        reason=reason,
        kind=code.kind,
        url=code.code_url,
        seen_at=code.seen_at,
        seen_via=code.seen_via,
    )
    return Finding(value=value, reason=reason, facts=(fact,))


def _licensed_value(code: CodeEvidence, table: LicenceTable) -> tuple[Value, str]:
    licence = read_code_licence(code.code_license, table)
    if licence.value is Value.OPEN and code.covers is not Coverage.PRE_TRAINING:
        return Value.PARTIAL, f"{code.code_url} holds {_SCOPES[code.covers]} ({licence.reason})"
    if licence.value is Value.OPEN:
        return Value.OPEN, f"{code.code_url} publishes the pre-training code: {licence.reason}"
    return licence.value, f"{code.code_url}: {licence.reason}"
