"""Plain records of the seed catalog, and the error raised when a seed file is malformed."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class CatalogDataError(ValueError):
    """A seed file is malformed; the message names the file and the row."""


@dataclass
class OrganisationRecord:
    slug: str
    name: str
    country: str = ""
    website: str = ""
    notes: str = ""
    sources: list = field(default_factory=list)


@dataclass
class ProjectRecord:
    slug: str
    name: str
    kind: str
    summary: str = ""
    countries: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    website: str = ""
    code_url: str = ""
    paper_url: str = ""
    organisation_slugs: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    hub_models: list = field(default_factory=list)
    hub_datasets: list = field(default_factory=list)
    base_models: list = field(default_factory=list)

    def merge(self, other: "ProjectRecord") -> None:
        """Fold a second source's record of the same project into this one."""
        for name in ("summary", "website", "code_url", "paper_url"):
            if not getattr(self, name):
                setattr(self, name, getattr(other, name))
        if other.kind == "model-family":
            self.kind = other.kind
        for name in ("countries", "languages", "organisation_slugs", "sources", "hub_models",
                     "hub_datasets", "base_models"):
            merged = getattr(self, name)
            merged.extend(item for item in getattr(other, name) if item not in merged)


@dataclass
class IndexRecord:
    project_slug: str
    system_name: str
    url: str
    source_file: str
    source_commit: str
    end_model_name: str
    end_model_license: str
    dimensions: dict
    score: float | None
    release_month: str = ""


@dataclass
class EvidenceRecord:
    project_slug: str
    leg: str
    value: str
    source: str
    source_key: str
    url: str
    statement: str
    attribution: str
    seen_at: datetime
    quote: str = ""
    seen_via: str = ""
    datasets: list = field(default_factory=list)


@dataclass
class LicenceRecord:
    identifier: str
    name: str
    spdx_id: str
    licence_class: str
    unrestricted: bool
    osi_approved: bool | None
    is_family: bool
    reason: str
    link: str


@dataclass
class SeedCatalog:
    organisations: dict = field(default_factory=dict)
    projects: dict = field(default_factory=dict)
    namespaces: dict = field(default_factory=dict)
    index_assessments: list = field(default_factory=list)
    evidence: list = field(default_factory=list)
    licences: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    hub_repo_notes: dict = field(default_factory=dict)
    families: Any = None  # FamilyCuration, set once the family files are read

    def add_organisation(self, record: OrganisationRecord) -> None:
        existing = self.organisations.get(record.slug)
        if existing is None:
            self.organisations[record.slug] = record
            return
        existing.country = existing.country or record.country
        existing.website = existing.website or record.website
        existing.notes = existing.notes or record.notes
        existing.sources.extend(s for s in record.sources if s not in existing.sources)

    def add_project(self, record: ProjectRecord) -> None:
        existing = self.projects.get(record.slug)
        if existing is None:
            self.projects[record.slug] = record
        else:
            existing.merge(record)
