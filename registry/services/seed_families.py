"""Curated facts per model family (registry/data/families/*.json): parsed, validated, folded into the seed
catalog. Each file is the registry's own curation: checkpoints and their roles, real card front matter seen
in public copies, code repositories, and sourced statements about the legs (see the folder's README)."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from django.utils.text import slugify

from registry.models import CheckpointRole, CodeCoverage, Leg, LegValue
from registry.services.seed_parsers import row_context
from registry.services.seed_records import (
    CatalogDataError,
    EvidenceRecord,
    OrganisationRecord,
    ProjectRecord,
    SeedCatalog,
)

FAMILIES_DIR = "families"
CARD_FIELDS = {"license", "license_name", "license_link", "datasets", "base_model", "language", "gated",
               "extra_gated_prompt", "extra_gated_fields", "extra_gated_description", "extra_gated_button_content",
               "pipeline_tag", "tags",
               "library_name"}


@dataclass
class CardRecord:
    """Real card front matter of one repository, as seen in a public copy."""

    repo_id: str
    repo_type: str
    card: dict
    weights_published: bool | None
    source: dict


@dataclass
class CodeRepositoryRecord:
    project_slug: str
    url: str
    licence: str
    covers: str
    source: dict


@dataclass
class FamilyCuration:
    """What the family files add to the catalog, beside the project records they create or amend."""

    roles: dict = field(default_factory=dict)  # repo_id -> role
    owners: dict = field(default_factory=dict)  # repo_id -> slug of the family whose own checkpoint it is
    cards: dict = field(default_factory=dict)  # (repo_type, repo_id) -> CardRecord
    code_repositories: list = field(default_factory=list)
    merged: dict = field(default_factory=dict)  # merged slug -> target slug


def parse_families(folder: Path, catalog: SeedCatalog, aliases: dict) -> FamilyCuration:
    """Fold every family file of `folder` into `catalog`; raises CatalogDataError naming the file and row."""
    curation = FamilyCuration()
    for path in sorted(folder.glob("*.json")):
        with row_context(f"{FAMILIES_DIR}/{path.name}", 1, path.stem):
            family = json.loads(path.read_text(encoding="utf-8"))
            _apply_family(family, f"{FAMILIES_DIR}/{path.name}", catalog, curation, aliases)
    return curation


def _apply_family(family: dict, filename: str, catalog: SeedCatalog, curation: FamilyCuration, aliases: dict):
    slug = family["project"]
    source = {"dataset": "curated", "file": filename}
    if family.get("create"):
        catalog.add_project(ProjectRecord(slug=slug, name=family["name"], kind=family.get("kind", "model-family")))
    if slug not in catalog.projects:
        raise CatalogDataError(f"unknown project {slug!r} (set \"create\": true for a new family)")
    project = catalog.projects[slug]
    _merge_duplicates(family.get("merge", []), slug, catalog, curation)
    _amend_project(project, family, source)
    for name in family.get("organisations", []) if family.get("create") else []:
        _attach_organisation(project, aliases.get(name, name), source, catalog)
    for checkpoint in family.get("checkpoints", []):
        _add_checkpoint(project, checkpoint, curation)
    for card in family.get("hub_cards", []):
        _add_card(project, card, curation)
    for repository in family.get("code_repositories", []):
        curation.code_repositories.append(_code_repository(slug, repository))
    catalog.evidence.extend(_fact(slug, fact) for fact in family.get("facts", []))


def _merge_duplicates(merged: list, slug: str, catalog: SeedCatalog, curation: FamilyCuration) -> None:
    for duplicate in merged:
        record = catalog.projects.pop(duplicate, None)
        if record is None:
            raise CatalogDataError(f"cannot merge unknown project {duplicate!r}")
        catalog.projects[slug].merge(record)
        curation.merged[duplicate] = slug
        for evidence in catalog.evidence:
            if evidence.project_slug == duplicate:
                evidence.project_slug = slug


def _amend_project(project: ProjectRecord, family: dict, source: dict) -> None:
    for name in ("countries", "languages"):
        if name in family:
            setattr(project, name, list(family[name]))
    for name in ("summary", "website", "paper_url"):
        if family.get(name):
            setattr(project, name, family[name])
    if source not in project.sources:
        project.sources.append(source)
    if family.get("countries_source"):
        countries = {**source, "field": "countries", **_checked_source(family["countries_source"])}
        if countries not in project.sources:
            project.sources.append(countries)


def _attach_organisation(project: ProjectRecord, name: str, source: dict, catalog: SeedCatalog) -> None:
    organisation_slug = slugify(name)
    if organisation_slug not in catalog.organisations:
        catalog.add_organisation(OrganisationRecord(slug=organisation_slug, name=name, sources=[source]))
    if organisation_slug not in project.organisation_slugs:
        project.organisation_slugs.append(organisation_slug)


def _add_checkpoint(project: ProjectRecord, checkpoint: dict, curation: FamilyCuration) -> None:
    role = checkpoint.get("role", CheckpointRole.OWN)
    if role not in CheckpointRole.values:
        raise CatalogDataError(f"checkpoint {checkpoint.get('repo_id')!r}: unknown role {role!r}")
    repo_id = _repo_id(checkpoint.get("repo_id"))
    if role == CheckpointRole.BASE and repo_id not in project.base_models:
        project.base_models.append(repo_id)
    if curation.roles.get(repo_id) == CheckpointRole.OWN and role != CheckpointRole.OWN:
        return  # A base model that is another family's own checkpoint stays with that family.
    curation.roles[repo_id] = role
    if role == CheckpointRole.OWN:
        curation.owners[repo_id] = project.slug
    if repo_id not in project.hub_models:
        project.hub_models.append(repo_id)


def _add_card(project: ProjectRecord, card: dict, curation: FamilyCuration) -> None:
    repo_id, repo_type = _repo_id(card.get("repo_id")), card.get("repo_type", "model")
    unknown = set(card.get("card", {})) - CARD_FIELDS
    if unknown or repo_type not in ("model", "dataset"):
        raise CatalogDataError(f"hub card {repo_id!r}: unexpected keys {sorted(unknown)} or type {repo_type!r}")
    listed = project.hub_models if repo_type == "model" else project.hub_datasets
    if repo_id not in listed:
        listed.append(repo_id)
    curation.cards[(repo_type, repo_id)] = CardRecord(
        repo_id=repo_id, repo_type=repo_type, card=card["card"],
        weights_published=card.get("weights_published"), source=_checked_source(card.get("source")))


def _code_repository(slug: str, repository: dict) -> CodeRepositoryRecord:
    if repository.get("covers") not in CodeCoverage.values or not str(repository.get("url", "")).startswith("https://"):
        raise CatalogDataError(f"code repository {repository.get('url')!r}: needs an https url and a known 'covers'")
    return CodeRepositoryRecord(project_slug=slug, url=repository["url"], licence=repository.get("licence") or "",
                                covers=repository["covers"], source=_checked_source(repository.get("source")))


def _fact(slug: str, fact: dict) -> EvidenceRecord:
    if fact.get("leg") not in Leg.values or fact.get("value") not in LegValue.values or not fact.get("statement"):
        raise CatalogDataError(f"fact {fact.get('statement')!r}: needs a known leg, value and a statement")
    source = _checked_source(fact.get("source"))
    key = hashlib.sha1(f"{fact['leg']}|{fact['statement']}".encode()).hexdigest()[:16]
    return EvidenceRecord(
        project_slug=slug, leg=fact["leg"], value=fact["value"], source="curated", source_key=f"family:{key}",
        url=source["url"], statement=fact["statement"], attribution="", seen_at=seen_at(source),
        quote=fact.get("quote", ""), seen_via=source.get("copy", ""), datasets=list(fact.get("datasets", [])))


def _checked_source(source) -> dict:
    if not isinstance(source, dict) or not str(source.get("url", "")).startswith(("https://", "http://")):
        raise CatalogDataError(f"source {source!r}: every fact needs a source url, the copy read and the date seen")
    seen_at(source)
    return source


def seen_at(source: dict) -> datetime:
    """The day a source was seen, as a UTC datetime."""
    try:
        return datetime.fromisoformat(source["seen"]).replace(tzinfo=timezone.utc)
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogDataError(f"source {source.get('url')!r}: 'seen' must be an ISO date") from exc


def _repo_id(value) -> str:
    if not isinstance(value, str) or value.count("/") != 1:
        raise CatalogDataError(f"{value!r} is not a Hub repository id (namespace/name)")
    return value
