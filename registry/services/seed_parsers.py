"""Turn the shipped seed files into plain records; no database access here."""

import re
from contextlib import contextmanager
from datetime import datetime, timezone

from django.utils.text import slugify

from registry.openness.osai import DIMENSION_LEGS, OSAI_ATTRIBUTION, osai_statement_text, read_osai_dimension
from registry.services.seed_records import (
    CatalogDataError,
    EvidenceRecord,
    IndexRecord,
    LicenceRecord,
    OrganisationRecord,
    ProjectRecord,
    SeedCatalog,
)

OPENLLM_FILE = "openllm_europe_list.json"
OSAI_FILE = "osai_index_european.json"
LICENCES_FILE = "hf_licences.json"
NOTE_FIELDS = ("usage_requests", "training_data_in_prose")
NOTE_KEYS = {"text", "quote", "url"}

PROJECT_KINDS = {"model": "model-family", "initiative": "initiative", "tool": "tool"}
OSAI_VALUES = {"open", "partial", "closed"}
HUB_MODEL_URL = re.compile(r"^https://huggingface\.co/(?!datasets/|collections/|spaces/)"
                           r"([\w.-]+/[\w.-]+)")


@contextmanager
def row_context(filename: str, index: int, label: str):
    """Re-raise any problem inside one row as a CatalogDataError naming the file and the row."""
    try:
        yield
    except CatalogDataError as exc:
        raise CatalogDataError(f"{filename}, row {index} ({label}): {exc}") from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CatalogDataError(f"{filename}, row {index} ({label}): {exc!r}") from exc


def rows_of(data, filename: str, key: str) -> list:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise CatalogDataError(f"{filename}: expected an object with a '{key}' list")
    return data[key]


def parse_openllm_list(data: dict, curation: dict, catalog: SeedCatalog) -> None:
    commit = data["_meta"]["source"]["commit"]
    for index, row in enumerate(rows_of(data, OPENLLM_FILE, "projects"), start=1):
        with row_context(OPENLLM_FILE, index, row.get("name") if isinstance(row, dict) else row):
            name = row["name"] or row.get("label_editorial")
            source = {"dataset": "openllm-europe", "commit": commit,
                      "line": row["source_ref"]["line"], "url": row["source_ref"]["url"]}
            if not name:
                catalog.skipped.append(f"line {source['line']}: redacted personal entry")
                continue
            _add_openllm_row(row, name, source, curation, catalog)


def _add_openllm_row(row, name, source, curation, catalog):
    links = row["links"]
    countries = list(row["country_flags"])
    if row["kind_inferred"] == "organisation":
        catalog.add_organisation(OrganisationRecord(
            slug=slugify(name), name=name, country=countries[0] if countries else "",
            website=links["main"] or "", sources=[source]))
        return
    kind = PROJECT_KINDS.get(row["kind_inferred"])
    if kind is None:
        raise CatalogDataError(f"unknown kind {row['kind_inferred']!r}")
    hub = links.get("huggingface") or {}
    github = links.get("github") or {}
    paper = links.get("paper") or {}
    language = curation["languages_by_section"].get(row["section_label"] or "")
    catalog.add_project(ProjectRecord(
        slug=slugify(name), name=name, kind=kind, countries=countries,
        languages=[language] if language else [], website=links["main"] or "",
        code_url=f"https://github.com/{github['repo']}" if github.get("repo") else "",
        paper_url=_paper_url(paper), sources=[source],
        hub_models=[hub["repo_id"]] if hub.get("repo_id") else []))
    if hub.get("namespace") and not row.get("links_personal_namespace"):
        catalog.namespaces.setdefault(hub["namespace"], None)


def _paper_url(paper: dict) -> str:
    if paper.get("venue") == "arXiv":
        return f"https://arxiv.org/abs/{paper['id']}"
    if paper.get("venue") == "ACL Anthology":
        return f"https://aclanthology.org/{paper['id']}/"
    return ""


def parse_osai_index(data: dict, curation: dict, catalog: SeedCatalog) -> None:
    source_meta = data["_meta"]["source"]
    seen_at = datetime.fromisoformat(source_meta["commit_date"]).astimezone(timezone.utc)
    for index, row in enumerate(rows_of(data, OSAI_FILE, "models"), start=1):
        label = row.get("source_file") if isinstance(row, dict) else row
        with row_context(OSAI_FILE, index, label):
            _add_osai_row(row, source_meta["commit"], seen_at, curation, catalog)


def _add_osai_row(row, commit, seen_at, curation, catalog):
    system = row["system"]
    country = curation["countries_by_name"][row["organization_tags"]["national_origin"]]
    source = {"dataset": "osai-index", "commit": commit, "file": row["source_file"],
              "url": row["osai_index_url"]}
    organisation_slugs = []
    for name, website in _organisations_of(row["org"], curation):
        organisation_slugs.append(slugify(name))
        catalog.add_organisation(OrganisationRecord(
            slug=slugify(name), name=name, country=country, website=website,
            notes=row["org"]["notes"] or "", sources=[source]))
    slug = slugify(system["name"])
    dimensions = _checked_dimensions(row["dimensions"])
    models = _hub_models_in(system["link"], dimensions)
    catalog.add_project(ProjectRecord(
        slug=slug, name=system["name"], kind="model-family", summary=system["notes"] or "",
        countries=[country] if country else [], organisation_slugs=organisation_slugs,
        website=system["link"] or "", paper_url=_open_link(dimensions, "paper", "preprint"),
        sources=[source], hub_models=models))
    for repo_id in models:
        catalog.namespaces.setdefault(repo_id.split("/")[0], organisation_slugs[0])
    catalog.index_assessments.append(IndexRecord(
        project_slug=slug, system_name=system["name"], url=row["osai_index_url"],
        source_file=row["source_file"], source_commit=commit,
        end_model_name=system["endmodelname"] or "",
        end_model_license=system["endmodellicense"] or "", dimensions=dimensions,
        score=row["computed"]["score_site_formula"], release_month=_release_month(system.get("releasedate"))))
    for ref, leg in DIMENSION_LEGS.items():
        catalog.evidence.append(_osai_evidence(slug, ref, leg, dimensions[ref], seen_at))


def _release_month(value) -> str:
    """The Index's `releasedate` ("2024-07"), or "" when it is missing or not a year and month."""
    return value if isinstance(value, str) and re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", value) else ""


def _organisations_of(org: dict, curation: dict) -> list:
    """Split a joint entry ("A and B", one link each) into (name, website) pairs."""
    aliases = curation["organisation_aliases"]
    name = re.sub(r"\s*\(major contributors\)$", "", org["name"])
    links = org["link"] if isinstance(org["link"], list) else [org["link"] or ""]
    names = name.split(" and ") if len(links) > 1 else [name]
    if len(names) != len(links):
        names, links = [name], links[:1]
    return [(aliases.get(n, n), link) for n, link in zip(names, links, strict=True)]


def _checked_dimensions(dimensions: dict) -> dict:
    for ref, dimension in dimensions.items():
        if dimension["class"] not in OSAI_VALUES:
            raise CatalogDataError(f"dimension {ref!r} has unknown class {dimension['class']!r}")
    missing = set(DIMENSION_LEGS) - set(dimensions)
    if missing:
        raise CatalogDataError(f"dimensions missing: {sorted(missing)}")
    return dimensions


def _links(dimension: dict) -> list:
    link = dimension.get("link")
    return link if isinstance(link, list) else [link] if link else []


def _open_link(dimensions: dict, *refs: str) -> str:
    for ref in refs:
        if dimensions[ref]["class"] == "open" and _links(dimensions[ref]):
            return _links(dimensions[ref])[0]
    return ""


def _hub_models_in(system_link: str, dimensions: dict) -> list:
    urls = [system_link or ""]
    urls += _links(dimensions["weights_basemodel"]) + _links(dimensions["weights_endmodel"])
    found = []
    for url in urls:
        match = HUB_MODEL_URL.match(url)
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return found


def _osai_evidence(slug, ref, leg, dimension, seen_at) -> EvidenceRecord:
    links = _links(dimension)
    return EvidenceRecord(
        project_slug=slug, leg=leg, value=read_osai_dimension(ref, dimension).value, source="osai-index",
        source_key=ref, url=links[0] if links else "", statement=osai_statement_text(ref, dimension),
        attribution=OSAI_ATTRIBUTION, seen_at=seen_at)


def parse_licences(data: dict, catalog: SeedCatalog) -> None:
    for index, row in enumerate(rows_of(data, LICENCES_FILE, "licences"), start=1):
        with row_context(LICENCES_FILE, index, row.get("hf_id") if isinstance(row, dict) else row):
            catalog.licences.append(LicenceRecord(
                identifier=row["hf_id"], name=row["name"], spdx_id=row["spdx_id"] or "",
                licence_class=row["class"], unrestricted=bool(row["unrestricted"]),
                osi_approved=row["osi_approved"], is_family=bool(row.get("is_family")),
                reason=row["reason"] or "", link=row.get("hub_docs_comment") or ""))


def apply_curation(curation: dict, catalog: SeedCatalog) -> None:
    for key, attribute in (("hub_repos", "hub_models"), ("hub_datasets", "hub_datasets")):
        for slug, repo_ids in curation[key].items():
            if slug not in catalog.projects:
                raise CatalogDataError(f"curation.json, {key}: unknown project {slug!r}")
            listed = getattr(catalog.projects[slug], attribute)
            listed.extend(r for r in repo_ids if r not in listed)
            for repo_id in repo_ids:
                catalog.namespaces.setdefault(repo_id.split("/")[0], None)
    _parse_hub_repo_notes(curation.get("hub_repo_notes", {}), catalog)
    _apply_organisation_facts(curation.get("organisation_facts", {}), catalog)


def _apply_organisation_facts(facts: dict, catalog: SeedCatalog) -> None:
    """Sourced corrections of organisations' countries; the source is kept with the record."""
    for slug, fact in facts.items():
        organisation = catalog.organisations.get(slug)
        if organisation is None or not fact.get("source", {}).get("url"):
            raise CatalogDataError(f"curation.json, organisation_facts: unknown {slug!r} or no source")
        organisation.country = fact["country"]
        organisation.sources.append({"dataset": "curated", "field": "country", **fact["source"]})


def _parse_hub_repo_notes(notes: dict, catalog: SeedCatalog) -> None:
    """Prose-only facts about known model repos, as `{repo_id: {field: [{text, quote, url}]}}`."""
    known = {repo_id for project in catalog.projects.values() for repo_id in project.hub_models}
    for repo_id, fields in notes.items():
        if repo_id not in known:
            raise CatalogDataError(f"curation.json, hub_repo_notes: unknown model repository {repo_id!r}")
        for name, entries in fields.items():
            if name not in NOTE_FIELDS or any(set(entry) != NOTE_KEYS for entry in entries):
                raise CatalogDataError(
                    f"curation.json, hub_repo_notes, {repo_id}: expected {NOTE_FIELDS} lists of {sorted(NOTE_KEYS)}")
        catalog.hub_repo_notes[repo_id] = fields
