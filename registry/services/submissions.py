"""Contributions: a new project or a problem report is saved exactly as typed, before any other work.

Each service is one transaction that stores the raw input beside its validated version and, when there are
Hub repositories to check, enqueues `check_submission_hub_task` after the commit (a worker never reads a row
that is not there, and a failed enqueue or check never loses the submission).
"""

import hashlib
import hmac

from django.conf import settings
from django.db import transaction

from registry.models import Project, Submission


def submit_project(*, submitter, raw_data: dict, data: dict, ip_address: str = "") -> Submission:
    """Save a proposed new project (pending review) and schedule its Hub check. Not idempotent: each call
    creates a submission. `raw_data` is what was typed, `data` the validated version (registry.forms)."""
    return _save(kind=Submission.Kind.NEW_PROJECT, submitter=submitter, project=None,
                 raw_data=raw_data, data=data, ip_address=ip_address)


def report_problem(*, project: Project, submitter, raw_data: dict, data: dict, ip_address: str = "") -> Submission:
    """Save a problem report about `project`, pending review. `submitter` is None for an anonymous visitor."""
    return _save(kind=Submission.Kind.PROBLEM_REPORT, submitter=submitter, project=project,
                 raw_data=raw_data, data=data, ip_address=ip_address)


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
            check_submission_hub_task.delay_on_commit(submission.pk)
    return submission
