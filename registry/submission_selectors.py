"""Reads about submissions: a contributor's own list, and the projects a new one may duplicate.

(Kept apart from registry/selectors.py while that module is being reworked; they belong together.)
"""

from difflib import SequenceMatcher

from django.db.models import Q, QuerySet

from registry.models import HubRepo, Project, Submission

# Names this similar (difflib ratio, case-insensitive) are shown as possible duplicates.
SIMILAR_NAME_RATIO = 0.8
MAX_DUPLICATES = 10


def list_submissions_of(*, user) -> QuerySet[Submission]:
    """The submissions `user` sent, newest first, with their project."""
    return Submission.objects.filter(submitter=user).select_related("project")


def get_visible_submission(*, user, pk: int) -> Submission | None:
    """The submission if `user` sent it or moderates submissions; None otherwise (or when there is none)."""
    if not user.is_authenticated:
        return None
    submissions = Submission.objects.select_related("project", "submitter")
    if not user.has_perm("registry.moderate_submission"):
        submissions = submissions.filter(submitter=user)
    return submissions.filter(pk=pk).first()


def find_possible_duplicates(*, name: str, hub_repo_ids: list[str]) -> list[dict]:
    """Projects already in the registry that a new project named `name` with these Hub repos may duplicate.

    Each is {"project", "reason"}: it holds one of the Hub repos (case-insensitive), or its name is the same
    or very similar. At most MAX_DUPLICATES, Hub matches first.
    """
    found: dict[int, dict] = {}
    if hub_repo_ids:
        query = Q()
        for repo_id in hub_repo_ids:
            query |= Q(repo_id__iexact=repo_id)
        for repo in HubRepo.objects.filter(query).select_related("project").order_by("repo_id"):
            found.setdefault(repo.project_id, {"project": repo.project,
                                               "reason": f"already lists the Hub repository {repo.repo_id}"})
    for project in _similar_names(name):
        found.setdefault(project.pk, {"project": project, "reason": "has the same or a very similar name"})
    return list(found.values())[:MAX_DUPLICATES]


def _similar_names(name: str) -> list[Project]:
    wanted = name.casefold().strip()
    matcher = SequenceMatcher(b=wanted, autojunk=False)
    similar = []
    for pk, other in Project.objects.values_list("pk", "name").iterator():
        matcher.set_seq1(other.casefold())
        # quick_ratio bounds ratio from above: most names are dismissed without the full comparison.
        if matcher.quick_ratio() >= SIMILAR_NAME_RATIO and matcher.ratio() >= SIMILAR_NAME_RATIO:
            similar.append(pk)
    return list(Project.objects.filter(pk__in=similar[:MAX_DUPLICATES]))
