"""Moderators' decisions on submissions: approve (applied to the catalog), reject, or ask for changes.

Each decision is one transaction that locks the submission, records who decided, when and why, and (for an
approval) writes the catalog through `save_with_history`, so the openness is recomputed, every change is in
the history crediting the contributor and the catalog version moves. The contributor is e-mailed after the
commit. A decision is final: a second approval does nothing, and a decided submission cannot be rejected or
sent back (`AlreadyDecided`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from registry.models import (
    CodeRepository,
    Evidence,
    Leg,
    LegValue,
    Project,
    SourceDataset,
    Submission,
)
from registry.services.contribution_records import (
    contribution_source,
    free_slug,
    hub_repos_to_attach,
    organisations_for,
)
from registry.services.corrections import apply_correction
from registry.services.moderation_edits import save_with_history
from registry.services.search_index import refresh_search_vectors

OPEN_STATUSES = (Submission.Status.PENDING, Submission.Status.NEEDS_CHANGES)


class AlreadyDecided(Exception):
    """The submission was approved or rejected already; nothing was changed."""


def approve_submission(*, submission: Submission, moderator) -> Submission:
    """Approve `submission` and apply it: a new project is created with everything the contributor gave, a
    correction's changed fields are written to its project, a problem report is closed.

    Atomic; idempotent (approving an approved submission changes nothing and sends no e-mail). Raises
    AlreadyDecided for a rejected one. E-mails the contributor after the commit.
    """
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status == Submission.Status.APPROVED:
            return locked
        _require_open(locked)
        reason = _credit(locked, moderator)
        if locked.kind == Submission.Kind.NEW_PROJECT:
            locked.project = _create_project(locked.data, moderator=moderator, reason=reason, submission=locked)
        elif locked.kind == Submission.Kind.CORRECTION and locked.project:
            locked.project = apply_correction(submission=locked, moderator=moderator, reason=reason)
        _decide(locked, status=Submission.Status.APPROVED, moderator=moderator, reason="")
    _notify(locked)
    return locked


def reject_submission(*, submission: Submission, moderator, reason: str) -> Submission:
    """Reject `submission` with `reason` (shown to the contributor). Atomic; raises AlreadyDecided when it was
    approved or rejected already, ValueError when the reason is empty. E-mails the contributor."""
    return _close(submission, moderator=moderator, status=Submission.Status.REJECTED, reason=reason)


def request_changes(*, submission: Submission, moderator, message: str) -> Submission:
    """Send `submission` back to its contributor with `message` saying what to change (status "needs changes").
    Atomic; raises AlreadyDecided when it was approved or rejected already, ValueError when the message is
    empty. E-mails the contributor."""
    return _close(submission, moderator=moderator, status=Submission.Status.NEEDS_CHANGES, reason=message)


def _close(submission: Submission, *, moderator, status: str, reason: str) -> Submission:
    if not reason.strip():
        raise ValueError("Say why: the contributor reads it.")
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        _require_open(locked)
        _decide(locked, status=status, moderator=moderator, reason=reason.strip())
    _notify(locked)
    return locked


def _require_open(submission: Submission) -> None:
    if submission.status not in OPEN_STATUSES:
        raise AlreadyDecided(gettext("Submission #%(number)s is already %(status)s.") % {
            "number": submission.pk, "status": submission.get_status_display().lower()})


def _decide(submission: Submission, *, status: str, moderator, reason: str) -> None:
    submission.status, submission.moderated_by = status, moderator
    submission.moderated_at, submission.decision_reason = timezone.now(), reason
    submission.save(update_fields=["status", "moderated_by", "moderated_at", "decision_reason", "project",
                                   "updated_at"])


def _credit(submission: Submission, moderator) -> str:
    submitter = submission.submitter.get_username() if submission.submitter else "an anonymous visitor"
    return f"submitted by {submitter}, approved by {moderator.get_username()} (submission #{submission.pk})"


def _create_project(data: dict, *, moderator, reason: str, submission: Submission) -> Project:
    project = Project(name=data["name"], slug=free_slug(Project, data["name"]),
                      kind=data.get("project_kind") or Project.Kind.MODEL_FAMILY,
                      countries=data.get("countries", []), languages=data.get("languages", []),
                      website=data.get("website", ""), code_url=data.get("code_url", ""),
                      paper_url=data.get("paper_url", ""), sources=[contribution_source(submission)])
    fields = [field.name for field in Project._meta.concrete_fields]
    save_with_history(instance=project, changed_fields=fields, user=moderator, reason=reason)
    project.organisations.set(organisations_for(data, submission))
    refresh_search_vectors(project_ids=[project.pk])  # the organisations' names are searchable too
    for repo in hub_repos_to_attach(data, project, submission):
        save_with_history(instance=repo, changed_fields=["project", "role"], user=moderator, reason=reason)
    if data.get("code_url"):
        save_with_history(instance=_code_repository(data, project, moderator), changed_fields=["url"],
                          user=moderator, reason=reason)
    if data.get("justification"):
        save_with_history(instance=_justification(data, project, submission), changed_fields=["statement"],
                          user=moderator, reason=reason)
    return project


def _code_repository(data: dict, project: Project, moderator) -> CodeRepository:
    return CodeRepository(project=project, url=data["code_url"], licence=data.get("code_licence", ""),
                          covers=data.get("code_coverage") or "pre-training", source=SourceDataset.CONTRIBUTOR,
                          source_url=data["code_url"], created_by=moderator)


def _justification(data: dict, project: Project, submission: Submission) -> Evidence:
    """The contributor's justification, as typed, as a statement that decides no leg by itself (value
    unknown): it is read beside the facts, credited to the contributor's submission."""
    sources = [data.get(name) for name in ("paper_url", "website", "code_url")] + data.get("external_datasets", [])
    return Evidence(project=project, leg=Leg.CORPUS, value=LegValue.UNKNOWN, source=SourceDataset.CONTRIBUTOR,
                    source_key=f"submission-{submission.pk}", url=next((url for url in sources if url), ""),
                    statement=data["justification"], seen_at=submission.created_at)


def _notify(submission: Submission) -> None:
    """E-mail the contributor the decision (nobody to tell for an anonymous report)."""
    recipient = submission.submitter.email if submission.submitter else ""
    if not recipient:
        return
    subject, body = _message(submission)
    send_mail(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, None, [recipient])


def _message(submission: Submission) -> tuple[str, str]:
    title = f"{submission.get_kind_display()} #{submission.pk} ({submission.title})"
    link = f"{settings.SITE_URL}{submission.get_absolute_url()}"
    if submission.status == Submission.Status.APPROVED:
        where = f"\nIt is public: {settings.SITE_URL}{submission.project.get_absolute_url()}" if submission.project else ""
        return f"Approved: {title}", f"Thank you: a moderator approved your {title}.{where}\n\n{link}\n"
    if submission.status == Submission.Status.REJECTED:
        return f"Not accepted: {title}", f"A moderator did not accept your {title}.\n\nWhy:\n{submission.decision_reason}\n\n{link}\n"
    return (f"Changes requested: {title}",
            f"A moderator asks for changes to your {title}:\n\n{submission.decision_reason}\n\n{link}\n")
