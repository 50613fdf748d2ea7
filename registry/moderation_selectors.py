"""Reads for moderators: who moderates, the queue of open submissions, and what a correction would change."""

from django.db.models import QuerySet

from registry.accounts import MODERATOR_GROUP
from registry.models import Submission
from registry.submission_selectors import find_possible_duplicates

# A correction's fields (as a contributor's data names them) and the project fields they change.
CORRECTABLE_FIELDS = {
    "name": "name", "project_kind": "kind", "summary": "summary", "website": "website",
    "code_url": "code_url", "paper_url": "paper_url", "countries": "countries", "languages": "languages",
}


def can_moderate(user) -> bool:
    """Staff, and members of the moderator group, moderate submissions."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.groups.filter(name=MODERATOR_GROUP).exists()


def list_moderation_queue() -> QuerySet[Submission]:
    """Pending and sent-back submissions, newest first, with their submitter and project."""
    return (Submission.objects.filter(status__in=[Submission.Status.PENDING, Submission.Status.NEEDS_CHANGES])
            .select_related("submitter", "project").order_by("-created_at", "-pk"))


def get_submission_for_moderation(*, pk: int) -> Submission | None:
    return Submission.objects.select_related("submitter", "project", "moderated_by").filter(pk=pk).first()


def correction_changes(submission: Submission) -> list[dict]:
    """A correction's field-by-field diff against its project as it is now: {"field", "old", "new"} for each
    correctable field the contributor gave a different value for. Empty for other kinds."""
    project = submission.project
    if submission.kind != Submission.Kind.CORRECTION or project is None:
        return []
    changes = []
    for name, field in CORRECTABLE_FIELDS.items():
        if name in submission.data and submission.data[name] != getattr(project, field):
            changes.append({"field": field, "old": getattr(project, field), "new": submission.data[name]})
    return changes


def duplicates_of(submission: Submission) -> list[dict]:
    """Projects a new-project submission may duplicate (none for other kinds, or once it is approved)."""
    if submission.kind != Submission.Kind.NEW_PROJECT or submission.status == Submission.Status.APPROVED:
        return []
    data = submission.data
    return find_possible_duplicates(name=str(data.get("name", "")),
                                    hub_repo_ids=[repo["repo_id"] for repo in data.get("hub_repos", [])])
