"""Reads for the right of reply: the replies shown on a project page, and the claims waiting for a moderator."""

from django.db.models import QuerySet

from registry.models import AssessmentReply, Project, Representative


def list_project_replies(*, project: Project) -> QuerySet[AssessmentReply]:
    """The replies shown on `project`'s page (not hidden), oldest first, with their organisation."""
    return project.replies.filter(hidden=False).select_related("organisation").order_by("created_at", "pk")


def list_pending_claims() -> QuerySet[Representative]:
    """Requests to represent an organisation that wait for a moderator, oldest first."""
    return (Representative.objects.filter(status=Representative.Status.PENDING)
            .select_related("user", "organisation").order_by("created_at", "pk"))


def list_claims_of(*, user) -> QuerySet[Representative]:
    """The requests `user` made to represent organisations, newest first."""
    return Representative.objects.filter(user=user).select_related("organisation")
