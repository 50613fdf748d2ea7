"""Catalog rows made from what contributors sent: their source entry, free slugs, organisations named by
name, and Hub repositories to attach. Shared by the approval of new projects and of corrections."""

from __future__ import annotations

from django.utils.text import slugify

from registry.models import HubRepo, Organisation, Project, SourceDataset, Submission


def contribution_source(submission: Submission) -> dict:
    """A record's source entry, as the catalog's `sources` lists hold them."""
    return {"dataset": SourceDataset.CONTRIBUTOR.value, "submission": submission.pk}


def free_slug(model, name: str) -> str:
    """`name` slugified, with -2, -3… appended until no `model` row has it."""
    base = slugify(name)[:180] or model._meta.model_name
    slug, counter = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def organisations_for(data: dict, submission: Submission) -> list[Organisation]:
    """The organisations a submission names: existing ones by slug, new ones by name (created, or found when
    an organisation has that name already)."""
    existing = list(Organisation.objects.filter(slug__in=data.get("organisations", [])))
    return existing + [_organisation_named(name, submission) for name in data.get("new_organisations", [])]


def _organisation_named(name: str, submission: Submission) -> Organisation:
    same = Organisation.objects.filter(name__iexact=name).first()
    if same:
        return same
    return Organisation.objects.create(name=name, slug=free_slug(Organisation, name),
                                       sources=[contribution_source(submission)])


def hub_repos_to_attach(data: dict, project: Project, submission: Submission) -> list[HubRepo]:
    """The submitted Hub repos as the project's own (unsaved); one already attached to another project is left
    there (the moderator saw it listed)."""
    repos = []
    for item in data.get("hub_repos", []):
        repo = HubRepo.objects.filter(repo_id__iexact=item["repo_id"], repo_type=item["repo_type"]).first()
        if repo is None:
            repo = HubRepo(repo_id=item["repo_id"], repo_type=item["repo_type"],
                           sources=[contribution_source(submission)])
        elif repo.project_id and repo.project_id != project.pk:
            continue
        repo.project, repo.role = project, "own"
        repos.append(repo)
    return repos
