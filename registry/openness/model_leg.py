"""The model leg computed from the Hub: are the weights downloadable by anyone, under terms that restrict
neither who may use them nor for what?

Weights must be published; the licence must be open (see `licence_reading`); a manual gate (the owner
approves each request) restricts who gets them, so it makes the leg partial whatever the licence. An
automatic gate lets anyone in who accepts its conditions: it does not lower the leg unless those conditions
(the gate's prompt and the form it asks users to fill in) limit the use to non-commercial or research purposes,
and its conditions are shown. Usage requests in the card's prose are caveats, not licence terms.
"""

from __future__ import annotations

import re
from dataclasses import replace

from registry.openness.evidence import ModelEvidence
from registry.openness.findings import Finding, all_required
from registry.openness.licence_reading import LicenceReading
from registry.openness.types import Assessment, Fact, Gate, Kind, Leg, Value

_RESTRICTIVE_TERMS = re.compile(
    r"non[\s-]?commercial\w*|research (?:purposes )?only|for research purposes|academic (?:use )?only"
    r"|not (?:be )?used? for commercial|commercial use is (?:not permitted|prohibited)",
    re.IGNORECASE,
)
_GATE_READINGS = {
    Gate.NO: (Value.OPEN, "no gate: anyone can download the weights"),
    Gate.AUTO: (Value.OPEN, "automatic gate: anyone who accepts the conditions gets the weights"),
    Gate.MANUAL: (Value.PARTIAL, "manual gate: the owner approves each request, so not anyone gets the weights"),
}


def compute_model_leg(model: ModelEvidence, licence: LicenceReading, base: Assessment | None = None) -> Finding:
    """The model leg from the repository's weight files, licence and gate."""
    if not model.weights_published:
        return _no_weights_seen(model)
    finding = all_required(
        [_licence_finding(model, licence), _gate_finding(model)],
        open_reason=f"weights downloadable by anyone under {licence.declared}, which restricts neither who nor what",
    )
    return replace(
        finding, caveats=_prose_caveats(model) + _gate_caveats(model), warnings=_base_licence_warnings(licence, base)
    )


def _no_weights_seen(model: ModelEvidence) -> Finding:
    # No weight files is not a statement that the weights are withheld, so this is unknown, not closed.
    reason = "no weight files seen in the repository"
    fact = _hub_fact(model, "hub:siblings", "the repository lists no weight files", Value.UNKNOWN, reason)
    return Finding(value=Value.UNKNOWN, reason=reason, facts=(fact,))


def _licence_finding(model: ModelEvidence, licence: LicenceReading) -> Finding:
    shows = f"licence declared: {licence.declared}" if licence.declared else "no licence declared"
    if model.license_name or model.license_link:
        shows += f" (license_name: {model.license_name}, license_link: {model.license_link})"
    fact = _hub_fact(model, "hub:cardData.license", shows, licence.value, licence.reason, url=model.license_link)
    return Finding(value=licence.value, reason=licence.reason, facts=(fact,))


def _gate_finding(model: ModelEvidence) -> Finding:
    value, reason = _GATE_READINGS[Gate(model.gated)]
    restriction = gate_restriction(model)
    if restriction and value is Value.OPEN:
        value = Value.PARTIAL
        reason = f"the gate's conditions, part of the user agreement, restrict what the model may be used for: {restriction}"
    fact = _hub_fact(model, "hub:gated", f"gated: {Gate(model.gated)}", value, reason)
    return Finding(value=value, reason=reason, facts=(fact,))


def gate_restriction(model: ModelEvidence) -> str | None:
    """The words of the gate's prompt or form that limit who may use the model or for what, if any."""
    text = " ".join((model.gate_prompt or "", *model.gate_fields))
    match = _RESTRICTIVE_TERMS.search(text)
    return match.group(0) if match else None


def _prose_caveats(model: ModelEvidence) -> tuple[str, ...]:
    return tuple(f"The model card asks (a request, not a licence term): {ask}" for ask in model.card_text_caveats)


def _gate_caveats(model: ModelEvidence) -> tuple[str, ...]:
    if Gate(model.gated) is Gate.AUTO and model.gate_prompt:
        return (f"Access is through an automatic gate; its conditions are part of the agreement: {model.gate_prompt}",)
    return ()


def _base_licence_warnings(licence: LicenceReading, base: Assessment | None) -> tuple[str, ...]:
    if base is None or licence.value is not Value.OPEN or not base.model.value.is_shortfall:
        return ()
    return (
        f"This model is declared under open terms, but its base model {base.subject} is not "
        f"({base.model.reason}); a derivative may have to keep the base model's terms.",
    )


def _hub_fact(model: ModelEvidence, source: str, shows: str, value: Value, reason: str, url: str | None = None) -> Fact:
    return Fact(
        leg=Leg.MODEL,
        source=source,
        shows=shows,
        value=value,
        reason=reason,
        kind=Kind.COMPUTED,
        url=url or model.url,
        seen_at=model.seen_at,
        revision_at=model.revision_at,
        seen_via=model.seen_via,
    )
