"""Leg results in and out of LegAssessment rows.

A row keeps the computed value with its reason, facts, caveats and warnings as JSON, and a moderator's
override beside it; the effective value is the override when there is one. Rows are written only when
something in them differs, so a recompute over unchanged evidence writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from django.utils.text import Truncator

from registry.models import LegAssessment, LegValue
from registry.openness import Assessment, Fact, Leg, LegResult, Value

PROVISIONAL_CAVEAT = (
    "Provisional: nothing settled this leg; the value shown is the best the card's prose allows, "
    "and any later statement replaces it."
)
REASON_LENGTH = LegAssessment._meta.get_field("reason").max_length


@dataclass(frozen=True)
class StoredLeg:
    """One leg after a recompute wrote it, with the values it had before."""

    row: LegAssessment
    subject: str
    old_value: str
    old_computed: str
    written: bool

    @property
    def value_changed(self) -> bool:
        return self.old_value != self.row.value

    @property
    def computed_changed(self) -> bool:
        return self.old_computed != self.row.computed_value


def fit(text: str, length: int = REASON_LENGTH) -> str:
    return Truncator(text).chars(length)


def leg_values(result: LegResult) -> dict:
    """The row fields a leg result sets, as JSON primitives (so they compare equal after a round trip)."""
    return {
        "computed_value": result.value.value,
        "reason": fit(result.reason),
        "decided_by": result.decided_by or "",
        "facts": [fact_json(fact) for fact in result.facts],
        "caveats": [*result.caveats, *([PROVISIONAL_CAVEAT] if result.provisional else [])],
        "warnings": list(result.warnings),
    }


def fact_json(fact: Fact) -> dict:
    return {
        "source": fact.source,
        "shows": fact.shows,
        "value": fact.value.value,
        "reason": fact.reason,
        "kind": fact.kind.value,
        "url": fact.url if fact.url and fact.url.startswith(("https://", "http://")) else None,
        "seen_at": fact.seen_at.isoformat() if fact.seen_at else None,
        "revision_at": fact.revision_at.isoformat() if fact.revision_at else None,
        "seen_via": fact.seen_via,
        "attribution": fact.attribution,
    }


def store_leg(
    *, existing: LegAssessment | None, subject: dict, label: str, result: LegResult, now: datetime
) -> StoredLeg:
    """Create or update one leg row; a missing row counts as unknown before."""
    values = leg_values(result)
    if existing is None:
        row = LegAssessment.objects.create(**subject, leg=result.leg.value, computed_at=now, **values)
        return StoredLeg(row, label, old_value=LegValue.UNKNOWN, old_computed=LegValue.UNKNOWN, written=True)
    old_value, old_computed = existing.value, existing.computed_value
    changed = [name for name, value in values.items() if getattr(existing, name) != value]
    if changed:
        for name in changed:
            setattr(existing, name, values[name])
        existing.computed_at = now
        existing.save(update_fields=[*changed, "computed_at"])
    return StoredLeg(existing, label, old_value=old_value, old_computed=old_computed, written=bool(changed))


def with_overrides(assessment: Assessment, rows: Iterable[LegAssessment]) -> Assessment:
    """The assessment as visitors see it: each overridden leg takes the moderator's value and justification."""
    legs = {}
    for row in rows:
        if row.override_value:
            result = assessment.leg(Leg(row.leg))
            legs[row.leg] = replace(
                result,
                value=Value(row.override_value),
                reason=f"set by a moderator: {row.override_justification}",
                provisional=False,
            )
    return replace(assessment, **legs)


def stored_assessment(subject: str, rows: Iterable[LegAssessment]) -> Assessment:
    """An assessment rebuilt from stored rows (effective values), as a fine-tune's base model."""
    by_leg = {row.leg: row for row in rows}
    return Assessment(subject=subject, **{leg.value: _stored_result(leg, by_leg.get(leg.value)) for leg in Leg})


def _stored_result(leg: Leg, row: LegAssessment | None) -> LegResult:
    if row is None:
        return LegResult(leg=leg, value=Value.UNKNOWN, reason="not assessed yet")
    return LegResult(
        leg=leg,
        value=Value(row.value),
        reason=row.override_justification if row.override_value else row.reason,
        provisional=not row.override_value and PROVISIONAL_CAVEAT in row.caveats,
    )
