"""The code leg computed from the code repository: are the model's code and its pre-training tools
published under an OSI-approved licence?

Open needs training code under an OSI-approved licence; inference code only, a licence that is not
OSI-approved, or no licence at all is partial. Without a known repository the leg is unknown: a missing
repository is not proof that nothing was published.
"""

from __future__ import annotations

from registry.openness.evidence import CodeEvidence
from registry.openness.findings import Finding
from registry.openness.licence_reading import read_code_licence
from registry.openness.licences import LicenceTable
from registry.openness.types import Fact, Leg, Value


def compute_code_leg(code: CodeEvidence | None, table: LicenceTable) -> Finding:
    """The code leg from the repository that holds the model's code, if one is known."""
    if code is None:
        return Finding(value=Value.UNKNOWN, reason="no code repository known")
    licence = read_code_licence(code.code_license, table)
    value, reason = licence.value, licence.reason
    if value is Value.OPEN and not code.covers_training:
        value, reason = Value.PARTIAL, f"only inference code is published ({licence.reason})"
    scope = "training and inference code" if code.covers_training else "inference code only"
    fact = Fact(
        leg=Leg.CODE,
        source=f"code-repository:{code.source}",
        shows=f"{code.code_url}: {scope}, licence {code.code_license or 'not declared'}",
        value=value,
        reason=reason,
        kind=code.kind,
        url=code.code_url,
        seen_at=code.seen_at,
    )
    return Finding(value=value, reason=reason, facts=(fact,))
