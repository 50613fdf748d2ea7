"""The openness of a project or a model checkpoint: three legs, the E2E verdict and the label.

Reads the subject's prefetched `legs` (LegAssessment rows); a leg without a row yet is shown as
unknown, "Not assessed yet".
"""

from collections.abc import Iterable

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from registry.models import LegAssessment, LegValue, RepoType
from registry.openness.labels import label_for
from registry.openness.types import Label
from registry.selectors import OPENNESS_LEGS

# What a compact list row leaves out of each leg unless asked with `?expand=legs` (or `evidence`).
LEG_DETAILS = ("reason", "decided_by", "justification", "caveats", "warnings", "assessed_at")

NOT_ASSESSED = {
    "value": LegValue.UNKNOWN, "source": "computed", "reason": "Not assessed yet", "decided_by": "",
    "justification": "", "evidence": [], "caveats": [], "warnings": [], "assessed_at": None,
}

EVIDENCE_ITEM = {
    "type": "object",
    "description": "One fact considered for the leg, as the rules recorded it.",
    "properties": {
        "leg": {"type": "string", "description": "The leg the fact is about."},
        "source": {"type": "string", "description": "Where the fact comes from, e.g. a model card."},
        "shows": {"type": "string", "description": "What the source shows."},
        "value": {"type": "string", "description": "The leg value this fact supports."},
        "reason": {"type": "string", "description": "Why the fact supports that value."},
        "kind": {"type": "string", "description": "`computed` (read from data by our rules) or "
                                                  "`asserted` (stated by a person or an assessment)."},
        "url": {"type": "string", "nullable": True, "description": "Where to check the fact."},
        "seen_at": {"type": "string", "nullable": True,
                    "description": "When the registry saw it (ISO 8601), not when the source last changed."},
        "revision_at": {"type": "string", "nullable": True,
                        "description": "When the revision it was read from was made (ISO 8601); null if unknown."},
        "seen_via": {"type": "string", "nullable": True,
                     "description": "How it was seen: the Hub's API, a named public copy of a card or "
                                    "repository, or `constructed demo data` (not read from the Hub)."},
        "attribution": {"type": "string", "nullable": True, "description": "Credit the source asks for."},
    },
    "additionalProperties": True,
}


@extend_schema_field({"type": "array", "items": EVIDENCE_ITEM})
class EvidenceField(serializers.JSONField):
    """The stored facts, passed through unchanged."""


def leg_view(assessment: LegAssessment) -> dict:
    overridden = assessment.source == "override"
    view = {
        "value": assessment.value, "source": assessment.source, "reason": assessment.reason,
        "decided_by": assessment.decided_by,
        "justification": assessment.override_justification if overridden else "",
        "caveats": assessment.caveats, "warnings": assessment.warnings, "assessed_at": assessment.computed_at,
    }
    if "facts" not in assessment.get_deferred_fields():  # a compact list loads legs without their evidence
        view["evidence"] = assessment.facts
    return view


def openness_view(legs: Iterable[LegAssessment]) -> dict:
    """Every leg (unknown when unassessed), `e2e` when all three are open, and the label."""
    assessed = {assessment.leg: leg_view(assessment) for assessment in legs}
    views = {leg: assessed.get(leg, NOT_ASSESSED) for leg in OPENNESS_LEGS}
    values = {leg: view["value"] for leg, view in views.items()}
    e2e = all(value == LegValue.OPEN for value in values.values())
    return {**views, "e2e": e2e, "label": label_for(**values)}


EXPANDED_IN_LISTS = " In a single resource always; in a list only with `?expand=legs` or `?expand=evidence`."


class LegSerializer(serializers.Serializer):
    value = serializers.ChoiceField(
        choices=LegValue.choices, help_text="The leg's value; a moderator override wins.")
    source = serializers.ChoiceField(
        choices=["computed", "override"],
        help_text="`computed` by the rules from the evidence, or an `override` by a moderator.")
    reason = serializers.CharField(
        required=False, help_text="One line saying why the leg has this value." + EXPANDED_IN_LISTS)
    decided_by = serializers.CharField(
        required=False,
        help_text="For a project: the Hub id of its own checkpoint whose value the leg shows; empty when no "
                  "single checkpoint decided it (and always for a checkpoint's own legs)." + EXPANDED_IN_LISTS)
    justification = serializers.CharField(
        required=False,
        help_text="The moderator's written justification when `source` is `override`, else empty."
                  + EXPANDED_IN_LISTS)
    evidence = EvidenceField(
        required=False,
        help_text="The facts behind the computed value. In a single resource always; in a list only with "
                  "`?expand=evidence` (lists are compact).")
    caveats = serializers.ListField(
        child=serializers.CharField(), required=False,
        help_text="Terms a user should know that do not change the value." + EXPANDED_IN_LISTS)
    warnings = serializers.ListField(
        child=serializers.CharField(), required=False,
        help_text="Problems the registry flags about this leg." + EXPANDED_IN_LISTS)
    assessed_at = serializers.DateTimeField(
        allow_null=True, required=False,
        help_text="When the rules last computed the leg; null if never." + EXPANDED_IN_LISTS)

    def get_fields(self):
        fields = super().get_fields()
        # A compact list (api.views.base.ApiListView): a leg with its evidence is whole, as in a single resource.
        with_evidence = self.context.get("with_evidence", True)
        if not with_evidence:
            del fields["evidence"]
        if not (with_evidence or self.context.get("with_legs", True)):
            for name in LEG_DETAILS:
                del fields[name]
        return fields


class OpennessSerializer(serializers.Serializer):
    code = LegSerializer(help_text="Open code: training and inference code under an open licence.")
    model = LegSerializer(help_text="Open model: weights under an open licence.")
    corpus = LegSerializer(help_text="Open corpus: training data published under open licences.")
    e2e = serializers.BooleanField(help_text="True when all three legs are open (E2E open).")
    label = serializers.ChoiceField(
        choices=[(label.value, label.value) for label in Label],
        help_text="Short label: `E2E open` when all legs are open, otherwise the model leg's label.")

    def to_representation(self, subject):
        return super().to_representation(openness_view(subject.legs.all()))


class CheckpointOpennessSerializer(OpennessSerializer):
    """The legs computed for one model repository; datasets have none (null)."""

    def to_representation(self, repo):
        if repo.repo_type != RepoType.MODEL:
            return None
        return super().to_representation(repo)
