"""What the compare page shows: projects side by side, row by row, each row saying whether they differ.

Reads only what `selectors.list_projects_to_compare` prefetched (no queries of its own).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from registry.badges import LEG_ORDER, Badge
from registry.models import CheckpointRole, CodeCoverage, HubRepo, LicenceClass, Project
from registry.views.openness_display import LEG_TITLES
from registry.vocabulary import label_name, label_separator, scheme_value_name, value_name

HUB = "https://huggingface.co/"
NOT_RATED = gettext_lazy("not rated")
NO_LICENCE = gettext_lazy("no licence stated")


@dataclass(frozen=True)
class Line:
    text: str
    url: str | None = None
    english: bool = False  # stored or computed text the registry keeps in English only


@dataclass(frozen=True)
class Cell:
    text: str
    key: str  # what is compared across the projects: cells with different keys make the row differ
    css: str = ""
    url: str | None = None
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Row:
    heading: str
    cells: tuple[Cell, ...]
    note: str = ""

    @property
    def differs(self) -> bool:
        return len({cell.key for cell in self.cells}) > 1


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    rows: tuple[Row, ...]


def compare_sections(projects: list[Project]) -> list[Section]:
    """Verdicts, leg by leg, licence by licence, checkpoint by checkpoint, and code, in that order."""
    return [
        Section("verdicts", _("Verdicts"), tuple(_verdict_rows(projects))),
        Section("legs", _("Leg by leg"), tuple(_leg_row(projects, leg.value) for leg in LEG_ORDER)),
        Section("licences", _("Licence by licence (own checkpoints)"), tuple(_licence_rows(projects))),
        Section("checkpoints", _("Checkpoint by checkpoint"), tuple(_checkpoint_rows(projects))),
        Section("code", _("Code repositories"), tuple(_code_rows(projects))),
    ]


def _rated(project: Project) -> bool:
    return project.kind == Project.Kind.MODEL_FAMILY


def _verdict_rows(projects):
    yield Row(_("E2E label"), tuple(_label_cell(project) for project in projects))
    yield Row(_("OSAI Index score"), tuple(_score_cell(project) for project in projects))
    yield Row(_("MOF class"), tuple(_mof_cell(project) for project in projects), note=_("an estimate"))


def _label_cell(project: Project) -> Cell:
    if not _rated(project):
        return Cell(str(NOT_RATED), "not rated")
    badge = Badge.from_legs(project.legs.all())
    return Cell(label_name(badge.label), str(badge.label), css=f"openness-label openness-label--{badge.slug}")


def _score_cell(project: Project) -> Cell:
    score = getattr(getattr(project, "index_assessment", None), "score", None)
    if score is None:
        return Cell(_("not rated by the Index"), "none")
    text = f"{score:.2f}"
    return Cell(text, text, url=f"{project.get_absolute_url()}#scheme-osai")


def _mof_cell(project: Project) -> Cell:
    value = ((project.schemes or {}).get("mof") or {}).get("value")
    if not value:
        return Cell(_("not estimated"), "none")
    return Cell(scheme_value_name(value), value, url=f"{project.get_absolute_url()}#scheme-mof")


def _leg_row(projects, leg: str) -> Row:
    return Row(LEG_TITLES[leg], tuple(_leg_cell(project, leg) for project in projects))


def _leg_cell(project: Project, leg: str) -> Cell:
    """The leg's value, linking to its explanation, with its reason and the checkpoint that decided it."""
    if not _rated(project):
        return Cell(str(NOT_RATED), "not rated")
    row = next((row for row in project.legs.all() if row.leg == leg), None)
    value = row.value if row else "unknown"
    lines = (Line(row.reason, english=True),) if row and row.reason else ()
    if row and row.decided_by:
        lines += (Line(_("Decided by checkpoint %(repo)s") % {"repo": row.decided_by}, f"{HUB}{row.decided_by}"),)
    return Cell(value_name(value), value, css=f"leg-value leg-value--{value}",
                url=f"{project.get_absolute_url()}#leg-{leg}", lines=lines)


def _own(project: Project) -> list[HubRepo]:
    return [repo for repo in project.model_checkpoints if repo.role == CheckpointRole.OWN]


def _licence_rows(projects):
    """One row per licence any project's own checkpoints carry: how many of each project's carry it."""
    classes = {repo.license: repo.license_class for project in projects for repo in _own(project)}
    for licence in sorted(classes):
        yield Row(licence or str(NO_LICENCE), tuple(_licence_cell(project, licence) for project in projects),
                  note=LicenceClass(classes[licence]).label if licence else "")
    if not classes:
        yield Row(_("Own checkpoints"), tuple(Cell(_("none on the Hub"), "none") for _project in projects))


def _licence_cell(project: Project, licence: str) -> Cell:
    count = sum(1 for repo in _own(project) if repo.license == licence)
    if not count:
        return Cell(_("not used"), "not used", css="muted")
    return Cell(ngettext("%(count)s own checkpoint", "%(count)s own checkpoints", count) % {"count": count}, "used")


def _checkpoint_rows(projects):
    yield Row(_("Own checkpoints"), tuple(_checkpoints_cell(_own(project)) for project in projects))
    others = [[repo for repo in project.model_checkpoints if repo.role != CheckpointRole.OWN] for project in projects]
    if any(others):
        yield Row(_("Base models and other releases"), tuple(map(_checkpoints_cell, others)))


def _checkpoints_cell(repos: list[HubRepo]) -> Cell:
    """How many checkpoints, then each with its role, licence, gate and label (only own ones decide the legs)."""
    count = len(repos)
    return Cell(ngettext("%(count)s checkpoint", "%(count)s checkpoints", count) % {"count": count}, str(count),
                lines=tuple(Line(_checkpoint_text(repo), repo.hub_url) for repo in repos))


def _checkpoint_text(repo: HubRepo) -> str:
    parts = [repo.repo_id, repo.license or str(NO_LICENCE)]
    if repo.gated != HubRepo.Gated.NO:
        parts.append(_("gated (%(approval)s)") % {"approval": repo.get_gated_display().lower()})
    if repo.role == CheckpointRole.OWN:
        label = label_name(Badge.from_legs(repo.legs.all()).label)
        parts.append(f"{_('label')}{label_separator()} {label}")
    else:
        parts.append(repo.get_role_display().lower())
    return " · ".join(parts)


def _code_rows(projects):
    yield Row(_("Pre-training code published"), tuple(_pre_training_cell(project) for project in projects))
    yield Row(_("Code licences"), tuple(_code_licences_cell(project) for project in projects))
    yield Row(_("Repositories"), tuple(_code_repositories_cell(project) for project in projects))


def _pre_training_cell(project: Project) -> Cell:
    published = any(repo.covers == CodeCoverage.PRE_TRAINING for repo in project.code_repositories.all())
    return Cell(_("yes"), "yes", css="leg-value leg-value--open") if published else Cell(_("no"), "no")


def _code_licences_cell(project: Project) -> Cell:
    licences = sorted({repo.licence or _("not checked") for repo in project.code_repositories.all()})
    text = ", ".join(licences) or _("no code repository")
    return Cell(text, text)


def _code_repositories_cell(project: Project) -> Cell:
    repos = project.code_repositories.all()
    lines = tuple(
        Line(f"{repo.url} · {repo.licence or _('licence not checked')} · {repo.get_covers_display()}", repo.url)
        for repo in repos
    )
    coverage = ", ".join(sorted({str(repo.get_covers_display()) for repo in repos})) or "none"
    count = len(repos)
    return Cell(ngettext("%(count)s repository", "%(count)s repositories", count) % {"count": count}, coverage,
                lines=lines)
