"""What the registry has stored about a project, turned into the evidence the openness rules read.

Hub facts come from the synced HubRepo rows, statements from Evidence rows, the code repository from the
project. A repository the Hub has not answered for yet gives no Hub evidence at all (its legs stay unknown),
never an empty licence: the rules would read a missing licence as "no licence declared".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from registry.models import (
    CheckpointRole,
    DataOrigin,
    Evidence,
    HubRepo,
    IndexAssessment,
    LegAssessment,
    Project,
    RepoType,
    SourceDataset,
)
from registry.openness import (
    AssertedFact,
    Assessment,
    CodeEvidence,
    Coverage,
    DatasetEvidence,
    Gate,
    Kind,
    Leg,
    ModelEvidence,
    Value,
)
from registry.openness.dataset_ids import canonical_dataset_id
from registry.openness.licences import LicenceTable
from registry.services.openness.licence_table import current_licence_table
from registry.services.openness.storage import stored_assessment

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".pt", ".pth", ".ckpt", ".h5", ".msgpack", ".onnx", ".nemo")

# Registry curation is done by the registry's moderators; the OpenLLM-Europe list is a community list.
ASSERTERS = {
    SourceDataset.OSAI_INDEX: "osai-index",
    SourceDataset.MODERATOR: "moderator",
    SourceDataset.CURATED: "moderator",
    SourceDataset.CONTRIBUTOR: "contributor",
    SourceDataset.OPENLLM_EUROPE: "contributor",
}

_READ = (HubRepo.SyncStatus.OK, HubRepo.SyncStatus.SNAPSHOT)


@dataclass
class ProjectEvidence:
    """Everything one recompute reads, loaded up front with a fixed number of queries."""

    project: Project
    repos: list[HubRepo]
    project_legs: dict[str, LegAssessment]
    statements: dict[int | None, list[AssertedFact]]
    index: IndexAssessment | None
    code: tuple[CodeEvidence, ...]
    datasets: dict[str, DatasetEvidence] = field(default_factory=dict)
    external_bases: dict[str, Assessment] = field(default_factory=dict)
    named_bases: tuple[str, ...] = ()
    licences: LicenceTable | None = None

    @property
    def own_repos(self) -> list[HubRepo]:
        """The project's own checkpoints: only they decide its legs."""
        return [repo for repo in self.repos if repo.role == CheckpointRole.OWN]

    def statements_about(self, repo: HubRepo | None = None) -> list[AssertedFact]:
        """Statements about one repository, or about the project as a whole when `repo` is None."""
        return self.statements.get(repo.pk if repo else None, [])


def load_project_evidence(project: Project) -> ProjectEvidence:
    """Load the project's model repos, legs, statements, OSAI rating, datasets and base models."""
    evidence = ProjectEvidence(
        project=project,
        repos=list(project.hub_repos.filter(repo_type=RepoType.MODEL).order_by("pk").prefetch_related("legs")),
        project_legs={row.leg: row for row in LegAssessment.objects.filter(project=project)},
        statements=_statements(Evidence.objects.filter(project=project)),
        index=IndexAssessment.objects.filter(project=project).first(),
        code=code_evidence(project),
        licences=current_licence_table(),
    )
    attached = [repo.repo_id for repo in evidence.repos if repo.role == CheckpointRole.BASE]
    evidence.named_bases = tuple(dict.fromkeys([*project.base_models, *attached]))
    models = [model_evidence(repo) for repo in evidence.repos if has_hub_data(repo)]
    evidence.datasets = _datasets(_dataset_ids(models, evidence.statements))
    evidence.external_bases = _base_assessments(models, evidence.named_bases, {repo.repo_id for repo in evidence.repos})
    return evidence


def has_hub_data(repo: HubRepo) -> bool:
    """Whether the Hub has answered for this repository at least once (a later failure keeps that data)."""
    if repo.sync_status == HubRepo.SyncStatus.MISSING:
        return False
    return repo.sync_status in _READ or repo.last_synced_at is not None


def model_evidence(repo: HubRepo) -> ModelEvidence:
    """A synced model repository as the rules read it."""
    return ModelEvidence(
        repo_id=repo.repo_id,
        license=repo.license or None,
        license_name=repo.license_name or None,
        license_link=repo.license_link or None,
        tags=tuple(repo.tags),
        gated=Gate(repo.gated),
        weights_published=weights_published(repo),
        datasets=tuple(repo.datasets),
        base_models=tuple(repo.base_models),
        card_text_caveats=note_texts(repo.usage_requests),
        training_data_in_prose=note_texts(repo.training_data_in_prose),
        gate_prompt=(repo.card_data or {}).get("extra_gated_prompt")
        or (repo.card_data or {}).get("extra_gated_description"),
        gate_fields=_gate_field_labels(repo.card_data or {}),
        # When the registry first saw this data, not the last sync: a sync that finds nothing new changes nothing.
        seen_at=repo.data_seen_at,
        revision_at=repo.last_modified,
        seen_via=seen_via(repo),
    )


def _gate_field_labels(card_data: dict) -> tuple[str, ...]:
    fields = card_data.get("extra_gated_fields")
    return tuple(str(label) for label in fields) if isinstance(fields, dict) else ()


def weights_published(repo: HubRepo) -> bool:
    """False when the Hub listed the repository's files and none of them holds weights, or when its data is a
    card copy that does not show the weights."""
    if repo.data_origin == DataOrigin.CARD_COPY:
        return bool((repo.data_source or {}).get("weights_published"))
    siblings = (repo.raw or {}).get("siblings")
    if siblings is None or repo.parameters:
        return True
    return any(str(sibling.get("rfilename", "")).endswith(WEIGHT_SUFFIXES) for sibling in siblings)


def note_texts(notes: list) -> tuple[str, ...]:
    """Curated notes are `{"text", "quote", "url"}` objects; a moderator may also type plain strings."""
    return tuple(note["text"] if isinstance(note, dict) else str(note) for note in notes or ())


def dataset_evidence(repo: HubRepo) -> DatasetEvidence | None:
    """A dataset repository as the rules read it; None while the Hub has not answered for it."""
    if repo.sync_status == HubRepo.SyncStatus.MISSING:
        return DatasetEvidence(repo_id=repo.repo_id, exists=False)
    if not has_hub_data(repo):
        return None
    return DatasetEvidence(
        repo_id=repo.repo_id, gated=Gate(repo.gated), license=repo.license or None, seen_at=repo.data_seen_at,
        revision_at=repo.last_modified, seen_via=seen_via(repo),
    )


def seen_via(repo: HubRepo) -> str:
    """How the registry saw a repository's Hub data, as shown beside each fact drawn from it."""
    if repo.data_origin == DataOrigin.CARD_COPY:
        return f"card front matter in a public copy: {(repo.data_source or {}).get('copy', 'copy not named')}"
    if repo.data_origin == DataOrigin.CONSTRUCTED:
        return "constructed demo data (not read from the Hub)"
    return "the Hub's API"


def asserted_fact(row: Evidence) -> AssertedFact:
    """A stored statement; OSAI rows already carry their CC-BY-4.0 attribution."""
    asserter = ASSERTERS[row.source]
    source = ":".join(part for part in (asserter, "" if row.source == asserter else row.source, row.source_key) if part)
    return AssertedFact(
        leg=Leg(row.leg),
        value=Value(row.value),
        source=source,
        statement=row.statement,
        url=row.url or None,
        seen_at=row.seen_at,
        attribution=row.attribution or None,
        datasets=tuple(row.datasets),
        seen_via=row.seen_via or None,
    )


def code_evidence(project: Project) -> tuple[CodeEvidence, ...]:
    """The project's code repositories; one whose licence nobody checked yet is a lead (licence None)."""
    return tuple(
        CodeEvidence(
            code_url=repository.url,
            code_license=repository.licence or None,
            covers=Coverage(repository.covers),
            source=ASSERTERS[repository.source],
            kind=Kind.ASSERTED,
            seen_at=repository.seen_at,
            seen_via=repository.seen_via or None,
        )
        for repository in project.code_repositories.order_by("pk")
    )


def _statements(rows) -> dict[int | None, list[AssertedFact]]:
    statements: dict[int | None, list[AssertedFact]] = {}
    for row in rows:
        statements.setdefault(row.hub_repo_id, []).append(asserted_fact(row))
    return statements


def _dataset_ids(models: list[ModelEvidence], statements: dict[int | None, list[AssertedFact]]) -> set[str]:
    named = {repo_id for model in models for repo_id in model.declared_datasets}
    return named | {repo_id for facts in statements.values() for fact in facts for repo_id in fact.datasets}


def _datasets(repo_ids: set[str]) -> dict[str, DatasetEvidence]:
    """Datasets by the id the card declares; a legacy id (`mc4`) reads the repository the Hub redirects it to.

    Datasets not in the registry are left out: the rules read a missing key as "not checked yet".
    """
    if not repo_ids:
        return {}
    canonical = {repo_id: canonical_dataset_id(repo_id) for repo_id in repo_ids}
    repos = HubRepo.objects.filter(repo_type=RepoType.DATASET, repo_id__in=set(canonical.values()))
    found = {repo.repo_id: dataset_evidence(repo) for repo in repos}
    return {repo_id: found[target] for repo_id, target in canonical.items() if found.get(target) is not None}


def _base_assessments(
    models: list[ModelEvidence], named_bases: tuple[str, ...], own_repo_ids: set[str]
) -> dict[str, Assessment]:
    """Base models assessed in other projects, from their stored legs (overrides included)."""
    base_ids = ({base for model in models for base in model.declared_base_models} | set(named_bases)) - own_repo_ids
    if not base_ids:
        return {}
    repos = HubRepo.objects.filter(repo_type=RepoType.MODEL, repo_id__in=base_ids).prefetch_related("legs")
    return {repo.repo_id: stored_assessment(repo.repo_id, repo.legs.all()) for repo in repos if repo.legs.all()}
