"""Applying an approved correction to its project, and previewing what it would do to the three legs.

The preview runs the very same `apply_correction` inside a transaction that is then rolled back, so what a
moderator sees before approving is what approving does.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from registry.models import CodeRepository, Evidence, LegAssessment, Project, SourceDataset, Submission
from registry.moderation_selectors import CORRECTABLE_FIELDS
from registry.services.contribution_records import hub_repos_to_attach, organisations_for
from registry.services.moderation_edits import record_project_change, save_with_history
from registry.services.search_index import refresh_search_vectors


@dataclass(frozen=True)
class LegPreview:
    """One leg now and as it would be after the correction, each with the reason that decides it."""

    leg: str
    current_value: str
    current_reason: str
    proposed_value: str
    proposed_reason: str

    @property
    def changes(self) -> bool:
        return (self.current_value, self.current_reason) != (self.proposed_value, self.proposed_reason)


def apply_correction(*, submission: Submission, moderator, reason: str) -> Project:
    """Write a correction to its project: changed fields, organisations, Hub and code repositories to attach,
    and the evidence for a leg (credited to the contributor's submission). Every write goes through
    `save_with_history` (history, recompute, catalog version). Atomic; returns the project as written."""
    data = submission.data
    with transaction.atomic():
        project = Project.objects.get(pk=submission.project_id)
        fields = {CORRECTABLE_FIELDS[name]: data[name] for name in CORRECTABLE_FIELDS if name in data}
        for field, value in fields.items():
            setattr(project, field, value)
        if fields:
            save_with_history(instance=project, changed_fields=list(fields), user=moderator, reason=reason)
        if "organisations" in data or data.get("new_organisations"):
            _set_organisations(project, data, submission, moderator=moderator, reason=reason)
        for repo in hub_repos_to_attach(data, project, submission):
            save_with_history(instance=repo, changed_fields=["project", "role"], user=moderator, reason=reason)
        if code := data.get("code_repository"):
            save_with_history(instance=_code_repository(project, code, moderator), user=moderator, reason=reason,
                              changed_fields=["url", "licence", "covers", "source_url"])
        if evidence := data.get("evidence"):
            save_with_history(instance=_evidence(project, evidence, submission), user=moderator, reason=reason,
                              changed_fields=["value", "url", "statement", "quote"])
    return project


def preview_correction_legs(*, submission: Submission, moderator) -> list[LegPreview]:
    """The project's three legs now and as they would be once `submission` is approved: the correction is
    applied through `apply_correction` in a transaction that is rolled back. Nothing is kept, no e-mail is
    sent. Empty when the project has no legs (not a model family, before and after)."""
    before = _legs(submission.project_id)
    with transaction.atomic():
        apply_correction(submission=submission, moderator=moderator, reason="preview")
        after = _legs(submission.project_id)
        transaction.set_rollback(True)
    unknown = ("unknown", "not assessed")
    return [LegPreview(leg, *before.get(leg, unknown), *after.get(leg, unknown)) for leg in sorted({*before, *after},
                                                                                                  key=_leg_order)]


def _legs(project_id: int) -> dict[str, tuple[str, str]]:
    return {row.leg: (row.value, row.reason) for row in LegAssessment.objects.filter(project_id=project_id)}


def _leg_order(leg: str) -> int:
    return [choice for choice, _ in LegAssessment._meta.get_field("leg").choices].index(leg)


def _set_organisations(project: Project, data: dict, submission: Submission, *, moderator, reason: str) -> None:
    old = sorted(project.organisations.values_list("name", flat=True))
    wanted = data if "organisations" in data else {**data, "organisations": list(
        project.organisations.values_list("slug", flat=True))}
    project.organisations.set(organisations_for(wanted, submission))
    new = sorted(project.organisations.values_list("name", flat=True))
    if new != old:
        record_project_change(project=project, field="organisations", old=old, new=new, reason=reason, user=moderator)
        refresh_search_vectors(project_ids=[project.pk])


def _code_repository(project: Project, code: dict, moderator) -> CodeRepository:
    """The attached repository with this URL, given the stated licence and coverage, or a new one."""
    repository = CodeRepository.objects.filter(project=project, url=code["url"]).first() or CodeRepository(
        project=project, url=code["url"], source=SourceDataset.CONTRIBUTOR, created_by=moderator)
    repository.licence, repository.covers, repository.source_url = code["licence"], code["covers"], code["url"]
    return repository


def _evidence(project: Project, evidence: dict, submission: Submission) -> Evidence:
    return Evidence(project=project, leg=evidence["leg"], value=evidence["value"], source=SourceDataset.CONTRIBUTOR,
                    source_key=f"submission-{submission.pk}", url=evidence["url"], statement=evidence["shows"],
                    quote=evidence.get("quote", ""), seen_at=submission.created_at)
