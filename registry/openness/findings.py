"""A finding: what the evidence the registry checks itself (the Hub, the code repository) says about one
leg, before statements by people or the OSAI Index are weighed against it (see `precedence`).

`fallback` is the value shown when nothing decides the leg: a corpus known only from the card's prose is
`unknown` as a finding, so a person's statement can settle it, but is shown `partial` when none does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from registry.openness.evidence import HUB_URL
from registry.openness.types import Fact, Kind, Leg, LegResult, Value, weakest_link

BASE_MODEL_SOURCE = "base-model:"


@dataclass(frozen=True, kw_only=True)
class Finding:
    value: Value
    reason: str
    facts: tuple[Fact, ...] = ()
    caveats: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    fallback: Value | None = None
    decided_by: str | None = None  # the checkpoint whose value this is, in a project's summary


def all_required(findings: Sequence[Finding], *, open_reason: str) -> Finding:
    """Combine findings that must all be open: the weakest link decides, and its reasons explain why."""
    value = weakest_link(finding.value for finding in findings)
    binding = [finding.reason for finding in findings if finding.value is value]
    fallbacks = [finding.fallback for finding in findings if finding.fallback]
    return Finding(
        value=value,
        reason=open_reason if value is Value.OPEN else "; ".join(binding),
        facts=tuple(fact for finding in findings for fact in finding.facts),
        caveats=tuple(caveat for finding in findings for caveat in finding.caveats),
        warnings=tuple(warning for finding in findings for warning in finding.warnings),
        fallback=weakest_link(fallbacks) if fallbacks and value is Value.UNKNOWN else None,
    )


def inherit_from_base(own: Finding, leg: Leg, base_ids: Sequence[str], base_legs: dict[str, LegResult]) -> Finding:
    """A fine-tune's leg covers its base models' leg too: open only when the base's is open as well.

    A base model the registry has not assessed counts as unknown.
    """
    inherited = [_base_finding(leg, base_id, base_legs.get(base_id)) for base_id in base_ids]
    return all_required([own, *inherited], open_reason=f"{own.reason}; the base model's {leg} is open too")


def _base_finding(leg: Leg, base_id: str, base_leg: LegResult | None) -> Finding:
    if base_leg is None:
        value, reason = Value.UNKNOWN, f"base model {base_id} is not assessed in the registry"
    else:
        value, reason = base_leg.value, f"base model {base_id}: {base_leg.reason}"
    fact = Fact(
        leg=leg,
        source=f"{BASE_MODEL_SOURCE}{base_id}",
        shows=f"fine-tuned from {base_id}, whose {leg} leg is {value}",
        value=value,
        reason=reason,
        kind=Kind.COMPUTED,
        url=f"{HUB_URL}/{base_id}" if "/" in base_id and " " not in base_id else None,
    )
    if base_leg is not None and base_leg.provisional:
        # A provisional value is a default, not a known shortfall: it must not outweigh what is known.
        return Finding(value=Value.UNKNOWN, reason=reason, facts=(fact,), fallback=value)
    return Finding(value=value, reason=reason, facts=(fact,))
