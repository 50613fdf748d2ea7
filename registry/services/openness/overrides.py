"""Moderators' decisions: overriding a leg with a written justification, and clearing a review flag."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from registry.models import ChangeRecord, HubRepo, LegAssessment, LegValue, Project
from registry.services.catalog_version import bump_catalog_version
from registry.services.openness.history import override_record
from registry.services.openness.recompute import recompute_project_openness
from registry.services.openness.review import line_key, updated_review_reason
from registry.services.openness.storage import fit

OVERRIDE_FIELDS = ["override_value", "override_justification", "overridden_by", "overridden_at"]

def override_leg(*, leg_assessment: LegAssessment, value: str, justification: str, user) -> LegAssessment:
    """Show `value` for this leg instead of the computed one, whatever later syncs compute.

    Raises ValidationError (keyed by field) when the value is not a leg value or the justification is
    empty. Atomic: records the change with `user`, settles the leg's review line, recomputes the project
    (its summary and schemes read the override) and bumps the catalog version. Setting the same value with
    the same justification again changes nothing. Returns the updated row.
    """
    justification = (justification or "").strip()
    _validate(value, justification)
    with transaction.atomic():
        row, project = _lock(leg_assessment)
        if (row.override_value, row.override_justification) == (value, justification):
            return row
        old_value = row.value
        row.override_value, row.override_justification = value, justification
        row.overridden_by, row.overridden_at = user, timezone.now()
        row.save(update_fields=OVERRIDE_FIELDS)
        override_record(row, old_value=old_value, reason=f"override by a moderator: {justification}", user=user)
        _after_moderation(row, project, user)
    return row


def clear_override(*, leg_assessment: LegAssessment, user) -> LegAssessment:
    """Show the computed value again. Atomic, recorded with `user`; a leg without override is left alone."""
    with transaction.atomic():
        row, project = _lock(leg_assessment)
        if not row.override_value:
            return row
        old_value, justification = row.value, row.override_justification
        row.override_value, row.override_justification = "", ""
        row.overridden_by, row.overridden_at = None, None
        row.save(update_fields=OVERRIDE_FIELDS)
        reason = f"override cleared by a moderator (was: {justification})"
        override_record(row, old_value=old_value, reason=reason, user=user)
        _after_moderation(row, project, user)
    return row


def mark_project_reviewed(*, project: Project, user) -> bool:
    """Clear a project's review reason, with a record of what was reviewed; False if not flagged.

    Disagreements between sources stay flagged: only an override of the leg settles them.
    """
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        if not (project.needs_review or project.review_reason):
            return False
        ChangeRecord.objects.create(
            project=project, field="needs_review", old_value=True, new_value=False,
            reason=fit(f"marked reviewed: {project.review_reason}"), changed_by=user,
        )
        project.needs_review, project.review_reason = bool(project.review_details), ""
        project.save(update_fields=["needs_review", "review_reason", "updated_at"])
        bump_catalog_version()
    return True


def _validate(value: str, justification: str) -> None:
    errors = {}
    if value not in LegValue.values:
        errors["override_value"] = f"Choose one of {', '.join(LegValue.values)}."
    if not justification:
        errors["override_justification"] = "An override needs a written justification: say what the evidence misses."
    if errors:
        raise ValidationError(errors)


def _lock(leg_assessment: LegAssessment) -> tuple[LegAssessment, Project | None]:
    """Lock the leg's project, then the leg: the order a recompute takes them in, so the two never deadlock."""
    project_id = leg_assessment.project_id or (
        HubRepo.objects.filter(pk=leg_assessment.hub_repo_id).values_list("project_id", flat=True).first()
    )
    project = Project.objects.select_for_update().filter(pk=project_id).first() if project_id else None
    return LegAssessment.objects.select_for_update().get(pk=leg_assessment.pk), project


def _after_moderation(row: LegAssessment, project: Project | None, user) -> None:
    """A moderator's decision on a leg is that leg's review; the project's summary and schemes follow it."""
    if project is not None:
        subject = project.name if row.project_id else row.hub_repo.repo_id
        _drop_review_line(project, line_key(subject, row.leg))
        recompute_project_openness(project=project, changed_by=user)
    bump_catalog_version()


def _drop_review_line(project: Project, key: str) -> None:
    review_reason = updated_review_reason(project.review_reason, resolved=[key])
    if review_reason != project.review_reason:
        project.review_reason, project.needs_review = review_reason, bool(review_reason)
        project.save(update_fields=["review_reason", "needs_review", "updated_at"])
