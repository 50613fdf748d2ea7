"""What a project's page shows of its related projects: each with its badge and why it is related.

Reads only what `selectors.list_related_projects` prefetched (no queries of its own).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from registry.badges import Badge
from registry.models import Project
from registry.views.openness_display import project_badge


@dataclass(frozen=True)
class RelatedView:
    project: Project
    badge: Badge | None
    why: str


def related_project_views(project: Project, related) -> list[RelatedView]:
    """Each related project with its badge and why it is related: a shared organisation, a shared base model,
    or one built on the other's Hub repo."""
    return [RelatedView(other, project_badge(other), why_related(project, other)) for other in related]


def why_related(project: Project, other: Project) -> str:
    """"also by OpenLLM-France; also built on mistralai/Mistral-7B-v0.1", and the like."""
    shared_orgs = {org.name for org in project.organisations.all()} & {org.name for org in other.organisations.all()}
    own_repos = {repo.repo_id for repo in project.hub_repos.all()}
    reasons = [_("also by %(name)s") % {"name": name} for name in sorted(shared_orgs)]
    reasons += [_("also built on %(repo)s") % {"repo": repo_id}
                for repo_id in _shared(project.base_models, other.base_models)]
    reasons += [_("built on this project's %(repo)s") % {"repo": repo_id}
                for repo_id in _shared(other.base_models, own_repos)]
    reasons += [_("publishes %(repo)s, which this project is built on") % {"repo": repo.repo_id}
                for repo in other.base_repos]
    return "; ".join(reasons) or _("shares an organisation or a base model")


def _shared(repo_ids, others) -> list[str]:
    return sorted({repo_id for repo_id in repo_ids if isinstance(repo_id, str)} & set(others))
