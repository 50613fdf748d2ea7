"""Load the shipped seed catalog into the database, idempotently and all-or-nothing."""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from registry.models import (
    CheckpointRole,
    CodeRepository,
    Evidence,
    HubNamespace,
    HubRepo,
    IndexAssessment,
    Licence,
    Organisation,
    Project,
    RepoType,
    SourceDataset,
)
from registry.services.catalog_version import bump_catalog_version
from registry.services.search_index import refresh_search_vectors
from registry.services.seed_cards import apply_card_copy
from registry.services.seed_families import FAMILIES_DIR, parse_families, seen_at
from registry.services.seed_parsers import (
    LICENCES_FILE,
    OPENLLM_FILE,
    OSAI_FILE,
    apply_curation,
    parse_licences,
    parse_openllm_list,
    parse_osai_index,
)
from registry.services.seed_records import CatalogDataError, SeedCatalog
from registry.services.upsert import Outcome, upsert

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CURATION_FILE = "curation.json"
SEED_SOURCES = (SourceDataset.OSAI_INDEX, SourceDataset.CURATED, SourceDataset.OPENLLM_EUROPE)


@dataclass
class LoadReport:
    outcomes: Counter = field(default_factory=Counter)
    skipped: list = field(default_factory=list)

    def record(self, kind: str, outcome: Outcome) -> None:
        self.outcomes[(kind, outcome.value)] += 1

    @property
    def changed(self) -> bool:
        return any(count and outcome != Outcome.UNCHANGED.value for (_, outcome), count in self.outcomes.items())

    def summary(self) -> str:
        kinds = sorted({kind for kind, _ in self.outcomes})
        parts = [
            f"{kind}: " + ", ".join(f"{self.outcomes[(kind, o)]} {o}" for o in self._outcome_names(kind))
            for kind in kinds
        ]
        return "; ".join(parts)


    def _outcome_names(self, kind: str) -> list[str]:
        extra = [o for k, o in self.outcomes if k == kind and o not in Outcome._value2member_map_ and self.outcomes[(k, o)]]
        return [o.value for o in Outcome] + extra


def read_seed_catalog(data_dir: Path = DATA_DIR) -> SeedCatalog:
    """Parse and validate every seed file; raises CatalogDataError naming the bad file and row."""
    curation = _read_json(data_dir, CURATION_FILE)
    catalog = SeedCatalog()
    parse_licences(_read_json(data_dir, LICENCES_FILE), catalog)
    parse_openllm_list(_read_json(data_dir, OPENLLM_FILE), curation, catalog)
    parse_osai_index(_read_json(data_dir, OSAI_FILE), curation, catalog)
    apply_curation(curation, catalog)
    catalog.families = parse_families(data_dir / FAMILIES_DIR, catalog, curation["organisation_aliases"])
    return catalog


def _read_json(data_dir: Path, filename: str):
    try:
        return json.loads((data_dir / filename).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CatalogDataError(f"{filename}: cannot be read: {exc}") from exc


def load_catalog(*, data_dir: Path = DATA_DIR) -> LoadReport:
    """Bring the database in line with the seed files.

    Idempotent: a second run reports everything unchanged. All-or-nothing: the files
    are validated before any write and the writes share one transaction. Never reverts
    people: fields a person edited (`person_edited`) and rows people created are left alone.
    """
    catalog = read_seed_catalog(data_dir)
    report = LoadReport(skipped=list(catalog.skipped))
    with transaction.atomic():
        _load_licences(catalog, report)
        organisations = _load_organisations(catalog, report)
        projects = _load_projects(catalog, organisations, report)
        _merge_duplicate_projects(catalog.families.merged, projects, report)
        refresh_search_vectors(project_ids=[project.pk for project in projects.values()])
        _load_namespaces(catalog, organisations, report)
        _load_hub_repos(catalog, projects, report)
        _load_index_assessments(catalog, projects, report)
        _load_evidence(catalog, projects, report)
        _load_code_repositories(catalog, projects, report)
        if report.changed:
            bump_catalog_version()
    return report


def _load_licences(catalog, report):
    for record in catalog.licences:
        values = {k: v for k, v in vars(record).items() if k != "identifier"}
        _, outcome = upsert(Licence, lookup={"identifier": record.identifier}, values=values)
        report.record("licences", outcome)


def _load_organisations(catalog, report) -> dict:
    organisations = {}
    for slug, record in catalog.organisations.items():
        values = {k: v for k, v in vars(record).items() if k != "slug"}
        organisations[slug], outcome = upsert(Organisation, lookup={"slug": slug}, values=values)
        report.record("organisations", outcome)
    return organisations


def _load_projects(catalog, organisations, report) -> dict:
    projects = {}
    fields = ("name", "kind", "summary", "countries", "languages", "website", "code_url",
              "paper_url", "sources", "base_models")
    for slug, record in catalog.projects.items():
        values = {name: getattr(record, name) for name in fields}
        project, outcome = upsert(Project, lookup={"slug": slug}, values=values)
        wanted = {organisations[s].pk for s in record.organisation_slugs}
        if set(project.organisations.values_list("pk", flat=True)) != wanted:
            project.organisations.set(wanted)
            outcome = Outcome.UPDATED if outcome is Outcome.UNCHANGED else outcome
        projects[slug] = project
        report.record("projects", outcome)
    return projects


def _load_namespaces(catalog, organisations, report):
    for name, organisation_slug in catalog.namespaces.items():
        organisation = organisations.get(organisation_slug) if organisation_slug else None
        values = {"organisation": organisation} if organisation else {}
        _, outcome = upsert(HubNamespace, lookup={"name": name}, values=values)
        report.record("namespaces", outcome)


def _load_hub_repos(catalog, projects, report):
    namespaces = {ns.name: ns for ns in HubNamespace.objects.all()}
    for slug, record in catalog.projects.items():
        for repo_type, repo_ids in ((RepoType.MODEL, record.hub_models),
                                    (RepoType.DATASET, record.hub_datasets)):
            for repo_id in repo_ids:
                if catalog.families.owners.get(repo_id, slug) != slug:
                    continue  # Another family's own checkpoint: it belongs to that project.
                values = {"project": projects[slug],
                          "namespace": namespaces.get(repo_id.split("/")[0]),
                          "role": catalog.families.roles.get(repo_id, CheckpointRole.OWN),
                          **catalog.hub_repo_notes.get(repo_id, {})}
                repo, outcome = upsert(
                    HubRepo, lookup={"repo_id": repo_id, "repo_type": repo_type}, values=values)
                card = catalog.families.cards.get((repo_type, repo_id))
                if card and apply_card_copy(repo, card) and outcome is Outcome.UNCHANGED:
                    outcome = Outcome.UPDATED
                report.record("hub repos", outcome)


def _load_index_assessments(catalog, projects, report):
    for record in catalog.index_assessments:
        values = {k: v for k, v in vars(record).items() if k != "project_slug"}
        _, outcome = upsert(
            IndexAssessment, lookup={"project": projects[record.project_slug]}, values=values)
        report.record("index assessments", outcome)


def _load_evidence(catalog, projects, report):
    kept = set()
    for record in catalog.evidence:
        lookup = {"project": projects[record.project_slug], "source": record.source,
                  "source_key": record.source_key}
        values = {k: getattr(record, k) for k in
                  ("leg", "value", "url", "statement", "attribution", "seen_at", "quote", "seen_via", "datasets")}
        row, outcome = upsert(Evidence, lookup=lookup, values=values)
        kept.add(row.pk)
        report.record("evidence", outcome)
    stale = Evidence.objects.filter(source__in=SEED_SOURCES, person_edited=[]).exclude(pk__in=kept)
    removed = stale.delete()[0]
    if removed:
        report.outcomes[("evidence", "removed")] += removed


def _load_code_repositories(catalog, projects, report):
    for record in catalog.families.code_repositories:
        values = {"licence": record.licence, "covers": record.covers, "source": SourceDataset.CURATED,
                  "source_url": record.source["url"], "seen_at": seen_at(record.source),
                  "seen_via": record.source.get("copy", "")[:300]}
        _, outcome = upsert(CodeRepository, lookup={"project": projects[record.project_slug], "url": record.url},
                            values=values)
        report.record("code repositories", outcome)


def _merge_duplicate_projects(merged: dict, projects: dict, report) -> None:
    """A project a family file folds into another: its rows move over, its record goes (sources are kept)."""
    for duplicate_slug, target_slug in merged.items():
        duplicate = Project.objects.filter(slug=duplicate_slug).first()
        if duplicate is None:
            continue
        target = projects[target_slug]
        for related in (duplicate.hub_repos, duplicate.evidence, duplicate.code_repositories):
            related.update(project=target)
        target.organisations.add(*duplicate.organisations.all())
        duplicate.delete()
        report.outcomes[("projects", "merged")] += 1


__all__ = ["CatalogDataError", "LoadReport", "load_catalog", "read_seed_catalog"]
