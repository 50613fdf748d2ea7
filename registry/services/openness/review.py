"""Flagging a project for review: when newly computed facts contradict a moderator's override, and while
its sources disagree on a leg that no override settles.

`Project.review_reason` holds one line per contradicted leg, starting "<subject> · <leg> leg:". The rules:
- a recompute adds (or replaces) a leg's line when the leg's computed value changes to a value other than
  its override: the moderator decided on different facts;
- the line goes when the computed value comes to agree with the override (the facts caught up), and when a
  moderator sets or clears that leg's override (that is the review);
- "mark reviewed" in the admin clears every line.
Disagreements are kept as `Project.review_details`, one object per leg: `{"leg", "shown", "sources":
[{"source", "value"}]}`, recomputed each time; an override of that leg settles it.
`needs_review` is set while any line or disagreement remains. Lines this module did not write are kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from registry.openness import Assessment
from registry.services.openness.storage import StoredLeg, fit


def line_key(subject: str, leg: str) -> str:
    return f"{subject} · {leg} leg:"


def contradiction_line(stored: StoredLeg) -> str:
    row = stored.row
    return fit(
        f"{line_key(stored.subject, row.leg)} the evidence now says {row.computed_value} ({row.reason}); "
        f"the override says {row.override_value}.",
        1000,
    )


def review_changes(stored_legs: Iterable[StoredLeg]) -> tuple[dict[str, str], list[str]]:
    """The lines to add (by key) and the keys of lines to drop after a recompute."""
    add, resolved = {}, []
    for stored in stored_legs:
        row = stored.row
        key = line_key(stored.subject, row.leg)
        if not row.override_value:
            continue
        if row.computed_value == row.override_value:
            resolved.append(key)
        elif stored.computed_changed:
            add[key] = contradiction_line(stored)
    return add, resolved


def updated_review_reason(
    review_reason: str, *, add: dict[str, str] | None = None, resolved: Iterable[str] = ()
) -> str:
    """The review reason without the `resolved` keys' lines, and with `add` lines replacing their key's line."""
    add = add or {}
    dropped = (*resolved, *add)
    kept = [line for line in review_reason.splitlines() if line.strip() and not line.startswith(dropped)]
    return "\n".join(kept + list(add.values()))


def disagreement_details(summary: Assessment, overridden_legs: Iterable[str]) -> list[dict]:
    """The legs of a project's summary whose sources disagree, unless an override settled them."""
    settled = set(overridden_legs)
    return [
        {"leg": result.leg.value, "shown": result.value.value,
         "sources": [{"source": who, "value": value.value} for who, value in result.sides]}
        for result in summary.legs
        if result.disagreement and result.leg.value not in settled
    ]
