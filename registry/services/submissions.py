"""Contributions: a new project, a correction or a problem report is saved exactly as typed, before any other
work; a submission sent back for changes is resubmitted as a new version, the earlier ones kept.

Each service is one transaction that stores the raw input beside its validated version and, when there are
Hub repositories to check, enqueues `check_submission_hub_task` after the commit (a worker never reads a row
that is not there, and a failed enqueue or check never loses the submission).
"""

import hashlib
import hmac
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from registry.models import Project, Submission, SubmissionVersion


class NotResubmittable(Exception):
    """Only its contributor may resubmit a submission, and only once a moderator asked for changes."""

logger = logging.getLogger(__name__)


def submit_project(*, submitter, raw_data: dict, data: dict, ip_address: str = "") -> Submission:
    """Save a proposed new project (pending review) and schedule its Hub check. Not idempotent: each call
    creates a submission. `raw_data` is what was typed, `data` the validated version (registry.forms)."""
    return _save(kind=Submission.Kind.NEW_PROJECT, submitter=submitter, project=None,
                 raw_data=raw_data, data=data, ip_address=ip_address)


def report_problem(*, project: Project, submitter, raw_data: dict, data: dict, ip_address: str = "") -> Submission:
    """Save a problem report about `project`, pending review. `submitter` is None for an anonymous visitor."""
    return _save(kind=Submission.Kind.PROBLEM_REPORT, submitter=submitter, project=project,
                 raw_data=raw_data, data=data, ip_address=ip_address)


def suggest_correction(*, project: Project, submitter, raw_data: dict, data: dict,
                       ip_address: str = "") -> Submission:
    """Save a correction to `project` (pending review; data from registry.forms.corrections) and schedule the
    Hub check of the repositories it attaches. Not idempotent."""
    return _save(kind=Submission.Kind.CORRECTION, submitter=submitter, project=project,
                 raw_data=raw_data, data=data, ip_address=ip_address)


def resubmit(*, submission: Submission, submitter, raw_data: dict, data: dict) -> Submission:
    """Replace a sent-back submission's content with its contributor's new version and return it to the
    queue (pending, Hub check again when it names repositories). The version it replaces is kept as a
    SubmissionVersion with the moderator's request. Atomic; raises NotResubmittable unless `submitter` sent
    it and its status is "needs changes"."""
    from registry.tasks import check_submission_hub_task

    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.submitter_id != submitter.pk or locked.status != Submission.Status.NEEDS_CHANGES:
            raise NotResubmittable(gettext("Submission #%(number)s does not wait for your changes.") % {"number": locked.pk})
        SubmissionVersion.objects.create(
            submission=locked, number=locked.versions.count() + 1, raw_data=locked.raw_data, data=locked.data,
            sent_at=locked.resubmitted_at or locked.created_at, change_request=locked.decision_reason,
            requested_by=locked.moderated_by)
        needs_check = bool(data.get("hub_repos"))
        locked.raw_data, locked.data, locked.status = raw_data, data, Submission.Status.PENDING
        locked.resubmitted_at, locked.decision_reason = timezone.now(), ""
        locked.moderated_by, locked.moderated_at = None, None
        locked.check_status = Submission.CheckStatus.PENDING if needs_check else Submission.CheckStatus.NOT_NEEDED
        locked.hub_check, locked.pre_assessment, locked.check_attempts = {}, {}, 0
        locked.last_check_error, locked.last_check_error_at = "", None
        locked.save()
        if needs_check:
            check_submission_hub_task.delay_on_commit(locked.pk)
    return locked


def hash_address(ip_address: str) -> str:
    """A keyed hash of a client address: the same sender can be recognised, the address not recovered."""
    if not ip_address:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), ip_address.encode(), hashlib.sha256).hexdigest()


def _save(*, kind, submitter, project, raw_data: dict, data: dict, ip_address: str) -> Submission:
    from registry.tasks import check_submission_hub_task  # tasks import services: import at call time

    needs_check = bool(data.get("hub_repos"))
    with transaction.atomic():
        submission = Submission.objects.create(
            kind=kind, submitter=submitter if submitter and submitter.is_authenticated else None,
            project=project, raw_data=raw_data, data=data, ip_hash=hash_address(ip_address),
            check_status=Submission.CheckStatus.PENDING if needs_check else Submission.CheckStatus.NOT_NEEDED,
        )
        if needs_check:
            transaction.on_commit(lambda: _enqueue_check(check_submission_hub_task, submission.pk))
    return submission


def _enqueue_check(task, submission_id: int) -> None:
    # The submission is saved whatever happens here: with the broker down, its check waits for the periodic
    # recheck (retry_submission_checks_task), which sends the checks that never started.
    try:
        task.delay(submission_id)
    except Exception as error:  # kombu raises the transport's own errors
        logger.warning("Hub check of submission %s not queued (%r): the periodic recheck will send it",
                       submission_id, error)
