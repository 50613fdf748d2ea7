"""What the compare page shows: projects side by side, row by row, each row saying whether they differ.

Reads only what `selectors.list_projects_to_compare` prefetched (no queries of its own).
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.badges import LEG_ORDER, Badge
from registry.models import CheckpointRole, CodeCoverage, HubRepo, LicenceClass, Project
from registry.views.openness_display import LEG_TITLES

HUB = "https://huggingface.co/"
NOT_RATED = "not rated"
NO_LICENCE = "no licence stated"


@dataclass(frozen=True)
class Line:
    text: str
    url: str | None = None


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
        Section("verdicts", "Verdicts", tuple(_verdict_rows(projects))),
        Section("legs", "Leg by leg", tuple(_leg_row(projects, leg.value) for leg in LEG_ORDER)),
        Section("licences", "Licence by licence (own checkpoints)", tuple(_licence_rows(projects))),
        Section("checkpoints", "Checkpoint by checkpoint", tuple(_checkpoint_rows(projects))),
        Section("code", "Code repositories", tuple(_code_rows(projects))),
    ]


def _rated(project: Project) -> bool:
    return project.kind == Project.Kind.MODEL_FAMILY


def _verdict_rows(projects):
    yield Row("E2E label", tuple(_label_cell(project) for project in projects))
    yield Row("OSAI Index score", tuple(_score_cell(project) for project in projects))
    yield Row("MOF class", tuple(_mof_cell(project) for project in projects), note="an estimate")


def _label_cell(project: Project) -> Cell:
    if not _rated(project):
        return Cell(NOT_RATED, NOT_RATED)
    badge = Badge.from_legs(project.legs.all())
    return Cell(str(badge.label), str(badge.label), css=f"openness-label openness-label--{badge.slug}")


def _score_cell(project: Project) -> Cell:
    score = getattr(getattr(project, "index_assessment", None), "score", None)
    if score is None:
        return Cell("not rated by the Index", "none")
    text = f"{score:.2f}"
    return Cell(text, text, url=f"{project.get_absolute_url()}#scheme-osai")


def _mof_cell(project: Project) -> Cell:
    value = ((project.schemes or {}).get("mof") or {}).get("value")
    if not value:
        return Cell("not estimated", "none")
    return Cell(value, value, url=f"{project.get_absolute_url()}#scheme-mof")


def _leg_row(projects, leg: str) -> Row:
    return Row(LEG_TITLES[leg], tuple(_leg_cell(project, leg) for project in projects))


def _leg_cell(project: Project, leg: str) -> Cell:
    """The leg's value, linking to its explanation, with its reason and the checkpoint that decided it."""
    if not _rated(project):
        return Cell(NOT_RATED, NOT_RATED)
    row = next((row for row in project.legs.all() if row.leg == leg), None)
    value = row.value if row else "unknown"
    lines = (Line(row.reason),) if row and row.reason else ()
    if row and row.decided_by:
        lines += (Line(f"Decided by checkpoint {row.decided_by}", f"{HUB}{row.decided_by}"),)
    return Cell(value, value, css=f"leg-value leg-value--{value}",
                url=f"{project.get_absolute_url()}#leg-{leg}", lines=lines)


def _own(project: Project) -> list[HubRepo]:
    return [repo for repo in project.model_checkpoints if repo.role == CheckpointRole.OWN]


def _licence_rows(projects):
    """One row per licence any project's own checkpoints carry: how many of each project's carry it."""
    classes = {repo.license: repo.license_class for project in projects for repo in _own(project)}
    for licence in sorted(classes):
        yield Row(licence or NO_LICENCE, tuple(_licence_cell(project, licence) for project in projects),
                  note=LicenceClass(classes[licence]).label if licence else "")
    if not classes:
        yield Row("Own checkpoints", tuple(Cell("none on the Hub", "none") for _ in projects))


def _licence_cell(project: Project, licence: str) -> Cell:
    count = sum(1 for repo in _own(project) if repo.license == licence)
    if not count:
        return Cell("not used", "not used", css="muted")
    return Cell(f"{count} own checkpoint{'s' if count > 1 else ''}", "used")


def _checkpoint_rows(projects):
    yield Row("Own checkpoints", tuple(_checkpoints_cell(_own(project)) for project in projects))
    others = [[repo for repo in project.model_checkpoints if repo.role != CheckpointRole.OWN] for project in projects]
    if any(others):
        yield Row("Base models and other releases", tuple(map(_checkpoints_cell, others)))


def _checkpoints_cell(repos: list[HubRepo]) -> Cell:
    """How many checkpoints, then each with its role, licence, gate and label (only own ones decide the legs)."""
    return Cell(f"{len(repos)} checkpoint{'' if len(repos) == 1 else 's'}", str(len(repos)),
                lines=tuple(Line(_checkpoint_text(repo), repo.hub_url) for repo in repos))


def _checkpoint_text(repo: HubRepo) -> str:
    parts = [repo.repo_id, repo.license or NO_LICENCE]
    if repo.gated != HubRepo.Gated.NO:
        parts.append(f"gated ({repo.get_gated_display().lower()})")
    if repo.role == CheckpointRole.OWN:
        parts.append(f"label: {Badge.from_legs(repo.legs.all()).label}")
    else:
        parts.append(repo.get_role_display().lower())
    return " · ".join(parts)


def _code_rows(projects):
    yield Row("Pre-training code published", tuple(_pre_training_cell(project) for project in projects))
    yield Row("Code licences", tuple(_code_licences_cell(project) for project in projects))
    yield Row("Repositories", tuple(_code_repositories_cell(project) for project in projects))


def _pre_training_cell(project: Project) -> Cell:
    published = any(repo.covers == CodeCoverage.PRE_TRAINING for repo in project.code_repositories.all())
    return Cell("yes", "yes", css="leg-value leg-value--open") if published else Cell("no", "no")


def _code_licences_cell(project: Project) -> Cell:
    licences = sorted({repo.licence or "not checked" for repo in project.code_repositories.all()})
    text = ", ".join(licences) or "no code repository"
    return Cell(text, text)


def _code_repositories_cell(project: Project) -> Cell:
    repos = project.code_repositories.all()
    lines = tuple(
        Line(f"{repo.url} · {repo.licence or 'licence not checked'} · {repo.get_covers_display()}", repo.url)
        for repo in repos
    )
    coverage = ", ".join(sorted({repo.get_covers_display() for repo in repos})) or "none"
    return Cell(f"{len(repos)} repositor{'y' if len(repos) == 1 else 'ies'}", coverage, lines=lines)
