"""What a project's page shows besides its legs: the role and origin of each Hub repository's data, the code
repositories, the base models it builds on, and what caused each change in its history.

Reads only what the selectors prefetched (no queries of its own). Constructed demo data is labelled wherever it
shows, so that a reader never takes it for data read from the Hub.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.iso_names import language_name
from registry.models import ChangeRecord, CheckpointRole, CodeRepository, DataOrigin, HubRepo, Project, SyncRun

HUB = "https://huggingface.co/"
CONSTRUCTED = gettext_lazy("constructed demo data")
SNAPSHOT_CREDIT = gettext_lazy("bundled Hub snapshot (constructed demo data)")
ROLE_LABELS = {
    CheckpointRole.OWN: gettext_lazy("own checkpoint"),
    CheckpointRole.BASE: gettext_lazy("base model of another organisation"),
    CheckpointRole.OTHER_RELEASE: gettext_lazy("another release"),
}


@dataclass(frozen=True)
class HubData:
    """Where a repository's Hub data came from: a label, a muted detail line, and a link to the copy read."""

    label: str
    detail: str
    url: str | None
    constructed: bool


@dataclass(frozen=True)
class RepoView:
    repo: HubRepo
    role: str
    data: HubData
    parameters: str


@dataclass(frozen=True)
class CodeRepositoryView:
    repository: CodeRepository
    url: str | None
    licence: str
    covers: str
    source: str
    source_url: str | None
    seen: str
    seen_via: str


@dataclass(frozen=True)
class ChangeView:
    change: ChangeRecord
    credit: str
    edit: str = ""  # a person's edit of a field or an attachment, in words; empty for a leg change

    @property
    def credit_is_recorded_text(self) -> bool:
        """Whether the credit is the cause recorded with the change (English text), not words of the page."""
        return self.change.changed_by_id is None and self.change.sync_run_id is None and bool(self.change.cause)


def web_url(url: str | None) -> str | None:
    """`url` when it is a web link, else None (nothing else is ever put in an href)."""
    return url if url and url.startswith(("https://", "http://")) else None


def role_label(repo: HubRepo) -> str:
    return str(ROLE_LABELS.get(repo.role, repo.get_role_display()))


def hub_data(repo: HubRepo) -> HubData:
    """How the registry holds this repository's Hub data: read by a sync, a dated card copy, or constructed."""
    if repo.data_origin == DataOrigin.CONSTRUCTED:
        return HubData(label=str(CONSTRUCTED), detail=_("not read from the Hub"), url=None, constructed=True)
    if repo.data_origin == DataOrigin.CARD_COPY:
        source = repo.data_source or {}
        seen = repo.data_seen_at.date().isoformat() if repo.data_seen_at else source.get("seen", "")
        label = _("card copy, seen %(date)s") % {"date": seen} if seen else _("card copy")
        return HubData(label=label, detail="", url=web_url(source.get("url")), constructed=False)
    checked = _("checked %(date)s") % {"date": f"{repo.last_synced_at:%Y-%m-%d}"} if repo.last_synced_at else ""
    return HubData(label=repo.get_sync_status_display(), detail=checked, url=None, constructed=False)


def hub_repo_views(project: Project) -> list[RepoView]:
    """Every Hub repository of the project (models and datasets) with its role, size and the origin of its data."""
    return [
        RepoView(repo=repo, role=role_label(repo), data=hub_data(repo), parameters=parameter_count(repo.parameters))
        for repo in project.hub_repos.all()
    ]


def parameter_count(parameters: int | None) -> str:
    """A model's size as people say it: 7241732096 reads "7.24B", 355000000 "355M"; "" when not known."""
    if not parameters:
        return ""
    for scale, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if parameters >= scale:
            return f"{parameters / scale:.3g}{suffix}"
    return str(parameters)


def constructed_repo_ids(project: Project) -> list[str]:
    """Ids of the project's repositories whose Hub data is constructed demo data."""
    return [str(repo) for repo in project.hub_repos.all() if repo.data_origin == DataOrigin.CONSTRUCTED]


def base_model_links(project: Project) -> list[tuple[str, str]]:
    """The other organisations' base models the family is built on, each with its Hub page."""
    return [(repo_id, f"{HUB}{repo_id}") for repo_id in project.base_models if isinstance(repo_id, str)]


def code_repository_views(project: Project) -> list[CodeRepositoryView]:
    return [code_repository_view(repository) for repository in project.code_repositories.all()]


def code_repository_view(repository: CodeRepository) -> CodeRepositoryView:
    return CodeRepositoryView(
        repository=repository,
        url=web_url(repository.url),
        licence=repository.licence or _("not checked yet"),
        covers=repository.get_covers_display(),
        source=repository.get_source_display(),
        source_url=web_url(repository.source_url),
        seen=f"{repository.seen_at:%Y-%m-%d}" if repository.seen_at else "",
        seen_via=repository.seen_via,
    )


def history_views(changes) -> list[ChangeView]:
    return [ChangeView(change=change, credit=change_credit(change), edit=edit_description(change))
            for change in changes]


def edit_description(change: ChangeRecord) -> str:
    """A person's edit of a project field or attachment in words ("website: a → b", "evidence added: …");
    empty for leg changes and the project's own addition."""
    field, new = change.field, change.new_value
    if field.startswith("leg:") or (field == "project" and change.hub_repo_id is None):
        return ""
    if field == "project":
        return f"Hub repository {change.hub_repo.repo_id} attached"
    if field == "evidence" and isinstance(new, dict):
        return f"evidence added: the {new.get('leg')} leg is {new.get('value')}: {new.get('statement', '')}"
    if field == "code_repository" and isinstance(new, dict):
        return f"code repository attached: {new.get('url')} ({new.get('licence') or 'licence not given'})"
    if field == "hub_repo" and isinstance(new, dict):
        return f"Hub repository {new.get('repo_id')} added"
    return f"{field.replace('_', ' ')}: {_plain(change.old_value)} → {_plain(new)}"


def _plain(value) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(none)"
    return str(value) if value not in (None, "") else "(empty)"


def change_credit(change: ChangeRecord) -> str:
    """What caused a change: a person, a sync run (the bundled snapshot is no sync), or the recorded cause."""
    if change.changed_by is not None:
        return _("moderator %(name)s") % {"name": change.changed_by.get_username()}
    run = change.sync_run
    if run is not None:
        return str(SNAPSHOT_CREDIT) if run.trigger == SyncRun.Trigger.SNAPSHOT else _("Hub sync #%(number)s") % {
            "number": run.pk}
    return change.cause or _("the registry")


def language_names(codes) -> list[tuple[str, str]]:
    """(ISO 639 code, name in the page's language) for each code; the code itself when no table names it."""
    return [(code, language_name(code)) for code in codes if isinstance(code, str)]
