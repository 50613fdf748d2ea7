"""What a declared licence means for each leg.

A declaration is an SPDX expression (parsed with `license-expression`) made of Hub ids, SPDX ids or
ScanCode keys; free text such as "Apache 2.0" is normalised first. Each licence in it is judged for the
leg asked about; `OR` keeps the most open option, `AND` the most restrictive term.
- model and data: open when the terms restrict neither who nor what (class osi or open-data, or
  `unrestricted`); partial when use-restricted, non-commercial, no-derivatives or custom (`other`);
- code: open when OSI-approved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from license_expression import ExpressionError, LicenseSymbol, LicenseWithExceptionSymbol, get_spdx_licensing

from registry.openness.licence_names import names_non_commercial_terms, normalise_licence_name
from registry.openness.licences import RESTRICTED_CLASSES, Licence, LicenceTable
from registry.openness.types import Value, best_option, weakest_link

_LICENSING = get_spdx_licensing()

# Higher is more permissive; used to spot a model licence more permissive than its data's (§2b).
_PERMISSIVENESS = {"use-restricted": 1, "non-commercial": 0, "no-derivatives": 0}

_RESTRICTION_REASONS = {
    "use-restricted": "{} restricts what the model may be used for",
    "non-commercial": "{} forbids commercial use",
    "no-derivatives": "{} forbids sharing adapted versions",
}


@dataclass(frozen=True, kw_only=True)
class LicenceReading:
    """The verdict on a declared licence for one leg; `restriction` names the binding class when not open."""

    declared: str | None
    value: Value
    reason: str
    restriction: str | None = None
    licences: tuple[Licence, ...] = ()

    @property
    def permissiveness(self) -> int | None:
        """2 = no restriction, 1 = use-restricted, 0 = non-commercial or no-derivatives, None = not known."""
        if self.value is Value.OPEN:
            return 2
        return _PERMISSIVENESS.get(self.restriction) if self.restriction else None


Leaf = Callable[[str, Licence | None], LicenceReading]


def read_model_licence(
    declared: str | None,
    table: LicenceTable,
    *,
    licence_name: str | None = None,
    licence_link: str | None = None,
) -> LicenceReading:
    """Judge weights' licence: does it restrict who may use them, or for what?

    No licence at all is partial: without a licence no rights are granted.
    """
    if not declared or not declared.strip():
        return LicenceReading(
            declared=None,
            value=Value.PARTIAL,
            reason="no licence declared: without a licence no rights are granted",
            restriction="no licence",
        )

    def leaf(key: str, licence: Licence | None) -> LicenceReading:
        named = table.get(licence_name) if key.lower() == "other" and licence_name else None
        if named and named.hf_id != "other":
            reading = _usage_reading(named.hf_id, named)
            return replace(reading, reason=f"license: other, named {licence_name}: {reading.reason}")
        if key.lower() == "other":
            return _custom_terms(licence_name, licence_link)
        return _usage_reading(key, licence)

    return _read(declared, table, leaf)


def read_data_licence(declared: str | None, table: LicenceTable) -> LicenceReading:
    """Judge a dataset's licence with the model test; a dataset without a licence is not judged."""
    if not declared or not declared.strip():
        return LicenceReading(declared=None, value=Value.UNKNOWN, reason="no licence declared")
    return _read(declared, table, _usage_reading)


def read_code_licence(declared: str | None, table: LicenceTable) -> LicenceReading:
    """Judge a code licence: open only when OSI-approved."""
    if not declared or not declared.strip():
        return LicenceReading(
            declared=None,
            value=Value.PARTIAL,
            reason="code published without a licence: no rights are granted",
            restriction="no licence",
        )
    return _read(declared, table, _osi_reading)


def _read(declared: str, table: LicenceTable, leaf: Leaf) -> LicenceReading:
    try:
        tree = _LICENSING.parse(declared)
    except ExpressionError:
        return _read_free_text(declared, table, leaf)
    return replace(_evaluate(tree, table, leaf), declared=declared)


def _read_free_text(text: str, table: LicenceTable, leaf: Leaf) -> LicenceReading:
    hf_id = normalise_licence_name(text, table)
    if hf_id:
        reading = leaf(hf_id, table.get(hf_id))
        return replace(reading, declared=text, reason=f"'{text}' read as {hf_id}: {reading.reason}")
    if names_non_commercial_terms(text):
        return LicenceReading(
            declared=text,
            value=Value.PARTIAL,
            reason=f"'{text}' is not in the licence table; its name says it is non-commercial",
            restriction="non-commercial",
        )
    return LicenceReading(declared=text, value=Value.UNKNOWN, reason=f"'{text}' is not a licence we can classify")


def _evaluate(node, table: LicenceTable, leaf: Leaf) -> LicenceReading:
    if isinstance(node, LicenseWithExceptionSymbol):
        node = node.license_symbol
    if isinstance(node, LicenseSymbol):
        return _read_symbol(node.key, table, leaf)
    parts = [_evaluate(arg, table, leaf) for arg in node.args]
    return _all_of(parts) if isinstance(node, _LICENSING.AND) else _any_of(parts)


def _read_symbol(key: str, table: LicenceTable, leaf: Leaf) -> LicenceReading:
    """A single licence; a symbol that is really prose ("Apache 2.0") is normalised first."""
    licence = table.get(key)
    if licence or key.lower() == "other":
        return leaf(key, licence)
    return _read_free_text(key, table, leaf)


def _all_of(parts: Sequence[LicenceReading]) -> LicenceReading:
    value = weakest_link(part.value for part in parts)
    binding = [part for part in parts if part.value is value]
    tightest = min(binding, key=lambda part: _sort_permissiveness(part))
    return LicenceReading(
        declared=None,
        value=value,
        reason="all terms apply (AND): " + "; ".join(part.reason for part in binding),
        restriction=tightest.restriction,
        licences=_licences_of(parts),
    )


def _any_of(parts: Sequence[LicenceReading]) -> LicenceReading:
    value = best_option(part.value for part in parts)
    chosen = next(part for part in parts if part.value is value)
    return LicenceReading(
        declared=None,
        value=value,
        reason=f"the user may choose (OR): {chosen.reason}",
        restriction=chosen.restriction,
        licences=_licences_of(parts),
    )


def _sort_permissiveness(reading: LicenceReading) -> int:
    return 3 if reading.permissiveness is None else reading.permissiveness


def _licences_of(parts: Sequence[LicenceReading]) -> tuple[Licence, ...]:
    return tuple(licence for part in parts for licence in part.licences)


def _usage_reading(key: str, licence: Licence | None) -> LicenceReading:
    if licence is None:
        return LicenceReading(declared=key, value=Value.UNKNOWN, reason=f"{key} is not in the licence table")
    if licence.restricts_nobody:
        reason = f"{licence.label} restricts neither who may use it nor for what"
        return LicenceReading(declared=key, value=Value.OPEN, reason=reason, licences=(licence,))
    if licence.licence_class in RESTRICTED_CLASSES:
        reason = _RESTRICTION_REASONS[licence.licence_class].format(licence.label)
        return LicenceReading(
            declared=key, value=Value.PARTIAL, reason=reason, restriction=licence.licence_class, licences=(licence,)
        )
    return LicenceReading(declared=key, value=Value.UNKNOWN, reason=_unclassified_reason(licence), licences=(licence,))


def _osi_reading(key: str, licence: Licence | None) -> LicenceReading:
    if licence is None:
        return LicenceReading(declared=key, value=Value.UNKNOWN, reason=f"{key} is not in the licence table")
    if licence.osi_approved:
        reason = f"{licence.label} is OSI-approved"
        return LicenceReading(declared=key, value=Value.OPEN, reason=reason, licences=(licence,))
    if licence.osi_approved is False or licence.licence_class in RESTRICTED_CLASSES or licence.hf_id == "other":
        reason = f"{licence.label} is not OSI-approved"
        return LicenceReading(
            declared=key, value=Value.PARTIAL, reason=reason, restriction="not OSI-approved", licences=(licence,)
        )
    return LicenceReading(declared=key, value=Value.UNKNOWN, reason=_unclassified_reason(licence), licences=(licence,))


def _unclassified_reason(licence: Licence) -> str:
    if licence.is_family:
        return f"{licence.hf_id} names a family of licences; the LICENSE file says which one applies"
    if licence.hf_id == "unknown":
        return "the licence is declared as unknown"
    return f"{licence.label}: terms not classified; a person must read them"


def _custom_terms(licence_name: str | None, licence_link: str | None) -> LicenceReading:
    named = " ".join(part for part in (licence_name, f"({licence_link})" if licence_link else None) if part)
    if not named:
        return LicenceReading(
            declared="other", value=Value.PARTIAL, reason="custom terms not named", restriction="custom terms"
        )
    if names_non_commercial_terms(licence_name):
        reason = f"custom licence {named}: its name limits use to non-commercial or research purposes"
        return LicenceReading(declared="other", value=Value.PARTIAL, reason=reason, restriction="non-commercial")
    reason = f"custom licence {named}: not a licence known to restrict neither who nor what"
    return LicenceReading(declared="other", value=Value.PARTIAL, reason=reason, restriction="custom terms")
