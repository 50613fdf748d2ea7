"""The first words of a project's page: what a reader may do with the weights, the training code and the
training data, in plain language, one sentence per leg.

Computed from the same stored legs that the page shows beside it: the effective value, and for restricted weights
the leg's reason (or a moderator's justification), so the sentence can name a non-commercial licence, a missing
licence or a manual gate. An open leg whose evidence records a caveat (a card's usage request, a dataset's
restrictive licence, a gate) never reads "for any purpose": the sentence names the caveat's kind and points to it.
Reads only prefetched legs (no queries).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SUMMARY_ORDER = ("model", "code", "corpus")
SENTENCES = {
    "model": {
        "open": _("Open weights: you may download the weights and use them for any purpose."),
        "closed": _("Closed weights: the weights are not published for anyone to download."),
        "unknown": _("Weights: the registry does not know yet whether anyone may download them, nor on what terms."),
    },
    "code": {
        "open": _("The training code is published under an open-source licence."),
        "partial": _("The training code is only partly public: some of it is missing, or its licence is not "
                   "open source."),
        "closed": _("The training code is not published."),
        "unknown": _("Whether the training code is published is not known yet."),
    },
    "corpus": {
        "open": _("The training data is public, under terms that let anyone reuse it."),
        "partial": _("The training data is only partly public."),
        "closed": _("The training data is not public."),
        "unknown": _("Whether the training data is public is not known yet."),
    },
}
# Restricted weights, by what the leg's reason says (first match wins).
RESTRICTED_WEIGHTS = (
    (("non-commercial", "noncommercial", "commercial use"),
     _("Restricted weights: you may download the weights, but not use them commercially.")),
    (("no licence declared",),
     _("Restricted weights: the weights can be downloaded, but no licence is declared, so no right to use them is "
     "granted.")),
    (("manual gate",),
     _("Restricted weights: the weights are published, but their owner approves each request to download them.")),
    (("licen", "restrict", "forbid"),
     _("Restricted weights: you may download the weights, but their licence limits who may use them or for what.")),
)
# An open leg with caveats, by what its caveats say (first match wins; the last entry of each leg matches any).
OPEN_WITH_CAVEATS = {
    "model": (
        (("non-commercial", "noncommercial", "commercial use"),
         _("Open weights: you may download the weights under an open licence, but their producer asks that they not "
           "be used commercially for now (a request, not a licence term; see the caveat below).")),
        (("gate", "approval"),
         _("Open weights: you may download the weights under an open licence after accepting the gate's conditions "
           "(see the caveat below).")),
        ((), _("Open weights: you may download the weights under an open licence, but the evidence records a caveat; "
               "read it below before relying on them.")),
    ),
    "code": (((), _("The training code is published under an open-source licence, with a caveat recorded below.")),),
    "corpus": (
        (("non-commercial", "noncommercial", "-nc", " nc "),
         _("The training data is public, but part of it may not be reused commercially (see the caveat below).")),
        ((), _("The training data is public, but reusing some of it is limited by its terms (see the caveat below).")),
    ),
}
RESTRICTED_WEIGHTS_OTHERWISE = _(
    "Restricted weights: the weights are published, but with limits on who may get them or what they may be used for."
)


@dataclass(frozen=True)
class SummarySentence:
    leg: str
    value: str
    text: str


def plain_summary(rows: Iterable) -> tuple[SummarySentence, ...]:
    """One sentence per leg (model, code, corpus) from LegAssessment-like rows (`leg`, `value`, `reason`,
    `override_value`, `override_justification`, `caveats`); a missing leg reads as unknown."""
    by_leg = {row.leg: row for row in rows}
    return tuple(_summary_sentence(leg, by_leg.get(leg)) for leg in SUMMARY_ORDER)


def _summary_sentence(leg: str, row) -> SummarySentence:
    value = row.value if row is not None else "unknown"
    if leg == "model" and value == "partial":
        return SummarySentence(leg, value, str(restricted_weights_sentence(_why(row))))
    if value == "open" and _usage_caveats(row):
        return SummarySentence(leg, value, str(_first_match(OPEN_WITH_CAVEATS[leg], " ".join(_usage_caveats(row)))))
    return SummarySentence(leg, value, str(SENTENCES[leg][value]))


def _why(row) -> str:
    # A moderator's justification explains an overridden value; the computed reason may say something else.
    return row.override_justification if row.override_value else row.reason


def _usage_caveats(row) -> list[str]:
    # "Provisional" qualifies how sure the value is, not what a reader may do: it is shown beside the leg.
    return [caveat for caveat in getattr(row, "caveats", None) or () if not caveat.startswith("Provisional:")]


def _first_match(choices, text: str) -> str:
    text = text.lower()
    return next(sentence for words, sentence in choices if not words or any(word in text for word in words))


def restricted_weights_sentence(why: str) -> str:
    """The sentence for partially open weights, naming the restriction that `why` names."""
    return _first_match((*RESTRICTED_WEIGHTS, ((), RESTRICTED_WEIGHTS_OTHERWISE)), why)
