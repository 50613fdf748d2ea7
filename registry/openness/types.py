"""The vocabulary of an openness assessment: values, legs, facts and the results built from them.

An assessment rates three legs (code, model, corpus) of a model repository or a project. Each leg has a
value and the facts behind it. Values are ordered closed < partial < open; `unknown` is outside that order
because it means "nothing is known yet", never "closed".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Value(StrEnum):
    OPEN = "open"
    PARTIAL = "partial"
    CLOSED = "closed"
    UNKNOWN = "unknown"

    @property
    def is_known(self) -> bool:
        return self is not Value.UNKNOWN

    @property
    def is_shortfall(self) -> bool:
        """A known value below open: something is positively known to be missing or restricted."""
        return self in (Value.PARTIAL, Value.CLOSED)

    @property
    def rank(self) -> int | None:
        """Position in closed < partial < open; None for unknown, which has no place in that order."""
        return _RANKS.get(self)


_RANKS = {Value.CLOSED: 0, Value.PARTIAL: 1, Value.OPEN: 2}


def lowest(values: Iterable[Value]) -> Value:
    """The least open of the known values; unknown when none is known."""
    known = [value for value in values if value.is_known]
    return min(known, key=_RANKS.__getitem__) if known else Value.UNKNOWN


def weakest_link(values: Iterable[Value]) -> Value:
    """Combine requirements that must all be open (AND, every dataset, base and fine-tune).

    Open only when every value is open; otherwise the lowest known shortfall; unknown when something is
    unknown and nothing known falls short. No values at all is unknown.
    """
    values = list(values)
    shortfalls = [value for value in values if value.is_shortfall]
    if shortfalls:
        return lowest(shortfalls)
    if values and all(value is Value.OPEN for value in values):
        return Value.OPEN
    return Value.UNKNOWN


def best_option(values: Iterable[Value]) -> Value:
    """Combine alternatives of which one may be chosen (OR): open when any option is open.

    An unknown option might be open, so it beats known shortfalls.
    """
    values = list(values)
    if Value.OPEN in values:
        return Value.OPEN
    if not values or Value.UNKNOWN in values:
        return Value.UNKNOWN
    return max(values, key=_RANKS.__getitem__)


class Leg(StrEnum):
    CODE = "code"
    MODEL = "model"
    CORPUS = "corpus"


class Kind(StrEnum):
    COMPUTED = "computed"
    ASSERTED = "asserted"


class Gate(StrEnum):
    """The Hub's `gated` field (as `registry.hub` reads it): no gate, an automatic gate, or the owner
    approving each request. Plain strings "no", "auto" and "manual" compare equal to these."""

    NO = "no"
    AUTO = "auto"
    MANUAL = "manual"


class Label(StrEnum):
    """Short labels for lists and badges; see `Assessment.label`."""

    E2E_OPEN = "E2E open"
    OPEN_WEIGHTS = "open weights"
    RESTRICTED_WEIGHTS = "restricted weights"
    CLOSED = "closed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, kw_only=True)
class Fact:
    """One piece of evidence about one leg: where it comes from, what it shows and which value it supports.

    `seen_at` is when the registry saw it; `revision_at`, for Hub facts, the date of the Hub revision it comes
    from; `seen_via` how it was seen (the Hub's API, a named public copy, constructed demo data).
    """

    leg: Leg
    source: str
    shows: str
    value: Value
    reason: str
    kind: Kind
    url: str | None = None
    seen_at: datetime | None = None
    attribution: str | None = None
    revision_at: datetime | None = None
    seen_via: str | None = None


@dataclass(frozen=True, kw_only=True)
class LegResult:
    """The value of one leg, a one-line reason, and every fact considered.

    `caveats` are terms a user should know that do not change the value (a non-commercial data licence, a
    usage request in the card's prose). `warnings` are problems the registry flags (licence contamination,
    sources that disagree). `disagreement` is set when the sources hold different known values, and `sides`
    then names each source with its value. `provisional` is set when nothing settled the leg and the value
    is a default (a corpus known only from the card's prose is shown partial): any later statement may
    replace it. `decided_by` names the checkpoint
    whose value a project shows, when a checkpoint decided it.
    """

    leg: Leg
    value: Value
    reason: str
    facts: tuple[Fact, ...] = ()
    caveats: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    disagreement: bool = False
    sides: tuple[tuple[str, Value], ...] = ()
    provisional: bool = False
    decided_by: str | None = None

    @property
    def settled(self) -> bool:
        """Whether evidence or a statement decided the value (not unknown, not provisional)."""
        return self.value.is_known and not self.provisional


@dataclass(frozen=True, kw_only=True)
class Assessment:
    """The three legs of a model repository (a checkpoint) or of a project (a summary of its checkpoints)."""

    subject: str
    code: LegResult
    model: LegResult
    corpus: LegResult

    @property
    def legs(self) -> tuple[LegResult, LegResult, LegResult]:
        return (self.code, self.model, self.corpus)

    def leg(self, leg: Leg) -> LegResult:
        return getattr(self, leg.value)

    @property
    def e2e(self) -> bool:
        """E2E open: all three legs open."""
        return all(result.value is Value.OPEN for result in self.legs)

    @property
    def label(self) -> Label:
        """The short label: E2E open when all legs are open, otherwise a word about the weights.

        open weights = model leg open; restricted weights = model leg partial (published under a
        use-restricted licence or behind a manual gate); closed = model leg closed (a source states the
        weights are not released); unknown = nothing known about the weights yet. The label never hides the
        legs: pages always show all three beside it.
        """
        if self.e2e:
            return Label.E2E_OPEN
        return _WEIGHTS_LABELS[self.model.value]

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(warning for result in self.legs for warning in result.warnings)


_WEIGHTS_LABELS = {
    Value.OPEN: Label.OPEN_WEIGHTS,
    Value.PARTIAL: Label.RESTRICTED_WEIGHTS,
    Value.CLOSED: Label.CLOSED,
    Value.UNKNOWN: Label.UNKNOWN,
}
