"""Reads about submissions: a contributor's own list, and the projects a new one may duplicate.

(Kept apart from registry/selectors.py while that module is being reworked; they belong together.)
"""

from difflib import SequenceMatcher

from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext

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
    (duplicates,) = find_possible_duplicates_of_each([(name, hub_repo_ids)])
    return duplicates


def find_possible_duplicates_of_each(candidates: list[tuple[str, list[str]]]) -> list[list[dict]]:
    """find_possible_duplicates for each (name, hub_repo_ids) in `candidates`, in the same order, reading the
    database a fixed number of times whatever the number of candidates."""
    if not candidates:
        return []
    repos = _hub_repos_with_ids({repo_id for _, repo_ids in candidates for repo_id in repo_ids})
    names = list(Project.objects.values_list("pk", "name"))
    similar = [_similar_names(name, names) for name, _ in candidates]
    wanted = {pk for pks in similar for pk in pks}
    projects = list(Project.objects.filter(pk__in=wanted)) if wanted else []
    return [_duplicates(repo_ids, pks, repos, projects) for (_, repo_ids), pks in zip(candidates, similar, strict=True)]


def _hub_repos_with_ids(repo_ids: set[str]) -> list[HubRepo]:
    """The project repositories whose id is one of `repo_ids`, ignoring case, by id."""
    if not repo_ids:
        return []
    return list(HubRepo.objects.annotate(lower_id=Lower("repo_id"))
                .filter(lower_id__in={repo_id.lower() for repo_id in repo_ids}, project__isnull=False)
                .select_related("project").order_by("repo_id"))


def _duplicates(repo_ids: list[str], similar: set[int], repos: list[HubRepo], projects: list[Project]) -> list[dict]:
    found: dict[int, dict] = {}
    lower_ids = {repo_id.lower() for repo_id in repo_ids}
    for repo in repos:
        if repo.repo_id.lower() in lower_ids:
            reason = gettext("already lists the Hub repository %(repo_id)s") % {"repo_id": repo.repo_id}
            found.setdefault(repo.project_id, {"project": repo.project, "reason": reason})
    for project in projects:
        if project.pk in similar:
            found.setdefault(project.pk, {"project": project, "reason": gettext("has the same or a very similar name")})
    return list(found.values())[:MAX_DUPLICATES]


def _similar_names(name: str, names: list[tuple[int, str]]) -> set[int]:
    """The first MAX_DUPLICATES of `names` (pk, name), in their order, that are the same as or close to `name`."""
    wanted = name.casefold().strip()
    matcher = SequenceMatcher(b=wanted, autojunk=False)
    similar: list[int] = []
    for pk, other in names:
        matcher.set_seq1(other.casefold())
        # quick_ratio bounds ratio from above: most names are dismissed without the full comparison.
        if matcher.quick_ratio() >= SIMILAR_NAME_RATIO and matcher.ratio() >= SIMILAR_NAME_RATIO:
            similar.append(pk)
    return set(similar[:MAX_DUPLICATES])
