"""Right of reply: asking to represent an organisation, the moderator's decision, and the replies a verified
representative publishes on the organisation's projects (which a moderator may hide).

Each write is one transaction; what changes a public page bumps the catalog version; the person concerned is
e-mailed after the commit.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from registry.models import AssessmentReply, Organisation, Project, Representative
from registry.services.catalog_version import bump_catalog_version
from registry.services.submissions import hash_address


class AlreadyAsked(Exception):
    """The person already has a pending or approved claim for this organisation."""


class AlreadyDecided(Exception):
    """The claim was approved or rejected already."""


def request_representation(*, user, organisation: Organisation, justification: str,
                           ip_address: str = "") -> Representative:
    """Ask, as `user`, to represent `organisation`; pending until a moderator decides. Raises AlreadyAsked when
    a pending or approved claim exists (a rejected one may be asked again)."""
    with transaction.atomic():
        open_claims = Representative.objects.select_for_update().filter(user=user, organisation=organisation)
        if open_claims.exclude(status=Representative.Status.REJECTED).exists():
            raise AlreadyAsked(gettext("You already asked to represent %(name)s.") % {"name": organisation.name})
        return Representative.objects.create(user=user, organisation=organisation, justification=justification,
                                             ip_hash=hash_address(ip_address))


def approve_representation(*, claim: Representative, moderator) -> Representative:
    """Make the claimant a verified representative. Atomic; raises AlreadyDecided; e-mails the claimant."""
    return _decide(claim, moderator=moderator, status=Representative.Status.APPROVED, reason="")


def reject_representation(*, claim: Representative, moderator, reason: str) -> Representative:
    """Refuse the claim with `reason` (shown to the claimant). Raises ValueError without a reason,
    AlreadyDecided when decided; e-mails the claimant."""
    if not reason.strip():
        raise ValueError("Say why: the person reads it.")
    return _decide(claim, moderator=moderator, status=Representative.Status.REJECTED, reason=reason.strip())


def organisations_represented(*, user, project: Project) -> list[Organisation]:
    """The organisations of `project` that `user` is a verified representative of (none when anonymous)."""
    if not user.is_authenticated:
        return []
    return list(project.organisations.filter(representatives__user=user,
                                             representatives__status=Representative.Status.APPROVED).distinct())


def publish_reply(*, author, project: Project, organisation: Organisation, leg: str, body: str,
                  ip_address: str = "") -> AssessmentReply:
    """Publish `body` (Markdown, kept as typed) as `organisation`'s reply to the assessment of `project`, about
    one leg or (leg "") the whole. Raises PermissionDenied unless `author` is a verified representative of
    `organisation` and it is one of the project's organisations. Bumps the catalog version."""
    if organisation not in organisations_represented(user=author, project=project):
        raise PermissionDenied("Only a verified representative of one of the project's organisations may reply.")
    with transaction.atomic():
        reply = AssessmentReply.objects.create(project=project, organisation=organisation, leg=leg, body=body,
                                               author=author, ip_hash=hash_address(ip_address))
        bump_catalog_version()
    return reply


def hide_reply(*, reply: AssessmentReply, moderator, reason: str) -> AssessmentReply:
    """Hide a reply from the project page, saying why (e-mailed to its author). Idempotent: hiding a hidden
    reply changes nothing. Raises ValueError without a reason."""
    if not reason.strip():
        raise ValueError("Say why: the organisation reads it.")
    with transaction.atomic():
        locked = AssessmentReply.objects.select_for_update(of=("self",)).select_related("author", "project").get(pk=reply.pk)
        if locked.hidden:
            return locked
        locked.hidden, locked.hidden_by, locked.hidden_at = True, moderator, timezone.now()
        locked.hidden_reason = reason.strip()
        locked.save(update_fields=["hidden", "hidden_by", "hidden_at", "hidden_reason"])
        bump_catalog_version()
    if locked.author and locked.author.email:
        _mail(locked.author.email, f"Your reply on {locked.project.name} was hidden",
              f"A moderator hid your organisation's reply on {locked.project.name}.\n\nWhy:\n{locked.hidden_reason}\n")
    return locked


def _decide(claim: Representative, *, moderator, status: str, reason: str) -> Representative:
    with transaction.atomic():
        locked = Representative.objects.select_for_update(of=("self",)).select_related("user", "organisation").get(pk=claim.pk)
        if locked.status != Representative.Status.PENDING:
            raise AlreadyDecided(gettext("This claim is already %(status)s.") % {"status": locked.get_status_display().lower()})
        locked.status, locked.decided_by, locked.decided_at = status, moderator, timezone.now()
        locked.decision_reason = reason
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    if locked.user.email:
        _mail(locked.user.email, *_decision_message(locked))
    return locked


def _decision_message(claim: Representative) -> tuple[str, str]:
    name = claim.organisation.name
    if claim.status == Representative.Status.APPROVED:
        link = f"{settings.SITE_URL}{reverse('registry:organisation-detail', kwargs={'slug': claim.organisation.slug})}"
        return (f"You represent {name}",
                f"A moderator verified that you represent {name}. You can now reply to the assessment of its "
                f"projects, from each project's page.\n\n{link}\n")
    return f"Not verified: {name}", f"A moderator did not verify that you represent {name}.\n\nWhy:\n{claim.decision_reason}\n"


def _mail(recipient: str, subject: str, body: str) -> None:
    send_mail(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, None, [recipient])
