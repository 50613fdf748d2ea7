"""Precedence: how a leg's value is decided when the registry's own checks and people's statements differ.

1. Evidence the registry checks itself (the Hub's metadata, the code repository and its licence) decides
   the leg whenever it settles it, that is whenever its finding is not `unknown`.
   One exception: the Hub can only show that the datasets a card declares are public, not that they are all
   the training data, so a moderator's sourced statement that some data is not released lowers an open corpus.
2. Where it does not, statements decide, the most authoritative asserter first: a moderator, then a
   contributor, then the European Open Source AI Index. Several statements by the same asserter about one
   leg must all hold, so the least open of them counts.
3. An OSAI Index rating of `open` never makes a leg open on its own: the index's criteria are looser than
   E2E's (data "open for inspection or shared", weights "shared" whatever their licence). Its `partial` and
   `closed` ratings are shortfalls under E2E too, so they do decide.
4. `closed` needs a positive fact: a statement of `closed` without a source is never counted (the
   producer's statement that it is not released, a withdrawal, or a person's assertion, each with its URL).
5. Nothing is resolved silently: every fact is kept, and when the sources hold different known values the
   leg is flagged (`disagreement`) with a warning naming each side. A moderator settles it with an override,
   which the storage layer keeps outside these rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from registry.openness.evidence import AssertedFact
from registry.openness.findings import Finding
from registry.openness.types import Leg, LegResult, Value, weakest_link

OSAI_INDEX = "osai-index"
_AUTHORITY = {"moderator": 3, "contributor": 2, OSAI_INDEX: 1}
_ASSERTER_NAMES = {
    "moderator": "a moderator",
    "contributor": "a contributor",
    OSAI_INDEX: "the European Open Source AI Index",
}
_CHECKED_NAMES = {Leg.CODE: "the code repository", Leg.MODEL: "the Hub", Leg.CORPUS: "the Hub"}


def decide_leg(leg: Leg, finding: Finding, statements: Sequence[AssertedFact]) -> LegResult:
    """The leg's value from the registry's own finding and the statements about it (see the module doc)."""
    by_asserter = _group_by_asserter(statements)
    value, reason, provisional = _decide(leg, finding, by_asserter)
    sides = _sides(leg, finding, by_asserter)
    disagreement = _disagreement(leg, sides, value)
    decided_by = finding.decided_by if value is finding.value or provisional else None
    return LegResult(
        leg=leg,
        value=value,
        reason=reason,
        facts=finding.facts + tuple(statement.as_fact() for statement in statements),
        caveats=finding.caveats,
        # A project summary may meet the disagreement its checkpoint already reported: keep it once.
        warnings=tuple(dict.fromkeys(finding.warnings + ((disagreement,) if disagreement else ()))),
        disagreement=bool(disagreement),
        sides=sides if disagreement else (),
        provisional=provisional,
        decided_by=decided_by,
    )


def _group_by_asserter(statements: Sequence[AssertedFact]) -> dict[str, list[AssertedFact]]:
    groups: dict[str, list[AssertedFact]] = {}
    for statement in statements:
        groups.setdefault(statement.asserter, []).append(statement)
    return dict(sorted(groups.items(), key=lambda item: -_AUTHORITY.get(item[0], 0)))


def _decide(leg: Leg, finding: Finding, by_asserter: dict[str, list[AssertedFact]]) -> tuple[Value, str, bool]:
    """The value, its reason, and whether it is only a provisional default."""
    if leg is Leg.CORPUS and finding.value is Value.OPEN:
        moderator = [statement for statement in by_asserter.get("moderator", ()) if statement.url]
        shortfall = _asserted_value(moderator)
        if shortfall.is_shortfall:
            return shortfall, _asserted_reason("moderator", moderator, shortfall), False
    if finding.value.is_known:
        return finding.value, finding.reason, False
    for asserter, statements in by_asserter.items():
        value = _asserted_value(statements)
        if value.is_known and not (asserter == OSAI_INDEX and value is Value.OPEN):
            return value, _asserted_reason(asserter, statements, value), False
    reason = _undecided_reason(leg, finding, by_asserter)
    return finding.fallback or Value.UNKNOWN, reason, finding.fallback is not None


def _asserted_value(statements: Sequence[AssertedFact]) -> Value:
    return weakest_link(statement.value for statement in statements if _counts(statement))


def _counts(statement: AssertedFact) -> bool:
    """A statement decides only with a known value; `closed` also needs its source (a positive fact)."""
    return statement.value.is_known and (statement.value is not Value.CLOSED or bool(statement.url))


def _asserted_reason(asserter: str, statements: Sequence[AssertedFact], value: Value) -> str:
    binding = "; ".join(statement.statement for statement in statements if statement.value is value)
    return f"{_name(asserter)} states: {binding}"


def _undecided_reason(leg: Leg, finding: Finding, by_asserter: dict[str, list[AssertedFact]]) -> str:
    if _asserted_value(by_asserter.get(OSAI_INDEX, ())) is Value.OPEN:
        return (
            f"{finding.reason}; the European Open Source AI Index rates the {leg} open by its own criteria, "
            "which alone cannot make an E2E leg open"
        )
    return finding.reason


def _sides(leg: Leg, finding: Finding, by_asserter: dict[str, list[AssertedFact]]) -> tuple[tuple[str, Value], ...]:
    """Each source's known value for the leg: the registry's own checks, then each asserter's."""
    positions = [(_CHECKED_NAMES[leg], finding.value)] if finding.value.is_known else []
    positions += [(_name(asserter), _asserted_value(statements)) for asserter, statements in by_asserter.items()]
    return tuple((who, value) for who, value in positions if value.is_known)


def _disagreement(leg: Leg, sides: tuple[tuple[str, Value], ...], shown: Value) -> str:
    """A warning naming each source's value when the sources hold different known values, else ''."""
    if len({value for _, value in sides}) < 2:
        return ""
    listed = "; ".join(f"{who}: {value}" for who, value in sides)
    return f"Sources disagree on the {leg} leg ({listed}). It shows {shown} until a moderator reviews it."


def _name(asserter: str) -> str:
    return _ASSERTER_NAMES.get(asserter, asserter)
