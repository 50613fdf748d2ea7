"""Reads of the catalog: querysets with the joins and prefetches their pages need."""

from django.db.models import Count, Prefetch, QuerySet

from registry.models import HubRepo, Organisation, Project


def list_projects() -> QuerySet[Project]:
    """Visible projects with their organisations, Hub repos and legs, in name order."""
    return (
        Project.objects.exclude(status=Project.Status.HIDDEN)
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            Prefetch("hub_repos", queryset=HubRepo.objects.order_by("repo_type", "repo_id")),
            "legs",
        )
        .order_by("name")
    )


def get_project(*, slug: str) -> Project:
    """One visible project by slug; raises Project.DoesNotExist."""
    return list_projects().prefetch_related("evidence", "hub_repos__legs").get(slug=slug)


def list_organisations() -> QuerySet[Organisation]:
    """Organisations with the number of their visible projects, in name order."""
    return Organisation.objects.annotate(
        project_count=Count("projects", distinct=True)
    ).order_by("name")


def get_catalog_stats() -> dict:
    """The numbers shown on the home page."""
    projects = Project.objects.exclude(status=Project.Status.HIDDEN)
    by_kind = dict(projects.values_list("kind").annotate(n=Count("id")).order_by())
    return {
        "projects": projects.count(),
        "organisations": Organisation.objects.count(),
        "hub_repos": HubRepo.objects.filter(project__isnull=False).count(),
        "by_kind": [(label, by_kind.get(value, 0)) for value, label in Project.Kind.choices],
    }
