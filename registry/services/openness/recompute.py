"""Recomputing a project's openness from its stored evidence, and keeping the result with its history."""

from __future__ import annotations

from dataclasses import replace
from graphlib import CycleError, TopologicalSorter

from django.db import transaction
from django.utils import timezone

from registry.models import ChangeRecord, CheckpointRole, HubRepo, Project, SyncRun
from registry.openness import Assessment, Leg, LegResult, ModelEvidence, Value, assess_model, summarise_project
from registry.openness.base_mentions import named_base_families
from registry.services.catalog_version import bump_catalog_version
from registry.services.openness.evidence import ProjectEvidence, has_hub_data, load_project_evidence, model_evidence
from registry.services.openness.history import recompute_records
from registry.services.openness.review import disagreement_details, review_changes, updated_review_reason
from registry.services.openness.schemes import project_schemes
from registry.services.openness.storage import StoredLeg, store_leg, with_overrides

NOT_READ_REASONS = {
    HubRepo.SyncStatus.MISSING: "the Hub does not have this repository (deleted, renamed or made private)",
}
NOT_READ_YET = "not read from the Hub yet"


def recompute_project_openness(
    *, project: Project, sync_run: SyncRun | None = None, changed_by=None, cause: str = ""
) -> list[ChangeRecord]:
    """Recompute the legs of a project and of each of its model repositories from the stored evidence.

    Must run inside `transaction.atomic()` (raises RuntimeError otherwise), so that it reads the evidence
    the same transaction wrote; the project row is locked for the duration. Keeps moderator overrides,
    records every leg whose effective value changed (credited to `sync_run`, `changed_by` or `cause`), updates
    `Project.schemes`, flags the project for review when new facts contradict an override (see `review`),
    and bumps the catalog version when it wrote anything. Idempotent: unchanged evidence writes nothing.
    Projects that are not model families have no legs and return [].
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("recompute_project_openness must run inside transaction.atomic().")
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.kind != Project.Kind.MODEL_FAMILY:
        return []
    evidence = load_project_evidence(project)
    stored, summary = _store_all_legs(evidence)
    records = recompute_records(stored, project=project, sync_run=sync_run, changed_by=changed_by, cause=cause)
    effective = with_overrides(summary, evidence.project_legs.values())
    overridden = [row.leg for row in evidence.project_legs.values() if row.override_value]
    details = disagreement_details(summary, overridden)
    project_changed = _update_project(project, stored, project_schemes(effective, evidence.index), details)
    if project_changed or any(leg.written for leg in stored):
        bump_catalog_version()
    return records


def recompute_all_openness(*, changed_by=None, cause: str = "") -> int:
    """Recompute every model family, each in its own transaction; returns how many leg changes were recorded.

    A fine-tune reads the stored legs of a base model in another project, so it catches up with that base
    on the next recompute of its own project.
    """
    recorded = 0
    for project in Project.objects.filter(kind=Project.Kind.MODEL_FAMILY).order_by("pk"):
        with transaction.atomic():
            recorded += len(recompute_project_openness(project=project, changed_by=changed_by, cause=cause))
    return recorded


def _store_all_legs(evidence: ProjectEvidence) -> tuple[list[StoredLeg], Assessment]:
    """Write each checkpoint's legs, then the project's summary of its own checkpoints; returns the rows and the
    summary. A base model or another release attached to the project gets its legs but never decides the
    project's."""
    now = timezone.now()
    computed, effective = _assess_checkpoints(evidence)
    stored = []
    for repo in evidence.repos:
        existing = {row.leg: row for row in repo.legs.all()}
        stored += _store(computed[repo.repo_id], existing, {"hub_repo": repo}, repo.repo_id, now)
    project = evidence.project
    assessed = [effective[repo.repo_id] for repo in evidence.own_repos if has_hub_data(repo)]
    bases = {base: effective[base] for base in evidence.named_bases if base in effective}
    summary = summarise_project(
        assessed, evidence.statements_about(None), evidence.code, subject=project.name, licences=evidence.licences,
        bases=bases, named_bases=evidence.named_bases)
    stored += _store(summary, evidence.project_legs, {"project": project}, project.name, now)
    return stored, summary


def _store(assessment: Assessment, existing: dict, subject: dict, label: str, now) -> list[StoredLeg]:
    return [
        store_leg(existing=existing.get(result.leg), subject=subject, label=label, result=result, now=now)
        for result in assessment.legs
    ]


def _assess_checkpoints(evidence: ProjectEvidence) -> tuple[dict[str, Assessment], dict[str, Assessment]]:
    """Each model repository's computed assessment and its effective one (overrides applied).

    Base models are assessed before their fine-tunes, which read the effective values.
    """
    repos = {repo.repo_id: repo for repo in evidence.repos}
    models = {repo_id: _with_named_bases(model_evidence(repo), repo, evidence.named_bases)
              for repo_id, repo in repos.items() if has_hub_data(repo)}
    computed = {repo_id: _not_read(repo) for repo_id, repo in repos.items() if repo_id not in models}
    effective = {**evidence.external_bases}
    effective |= {repo_id: with_overrides(computed[repo_id], repos[repo_id].legs.all()) for repo_id in computed}
    for repo_id in _bases_first(models):
        model = models[repo_id]
        base = next((effective[b] for b in _bases_of(model) if b in effective and b != repo_id), None)
        statements = evidence.statements_about(repos[repo_id])
        computed[repo_id] = assess_model(
            model, evidence.datasets, evidence.code, statements, base, licences=evidence.licences)
        effective[repo_id] = with_overrides(computed[repo_id], repos[repo_id].legs.all())
    return computed, effective


def _with_named_bases(model: ModelEvidence, repo: HubRepo, named_bases: tuple[str, ...]) -> ModelEvidence:
    """An own checkpoint of a project built on another organisation's base is a fine-tune of it, and so is a
    repository whose name or card prose names a base family without declaring it."""
    if repo.role != CheckpointRole.OWN:
        return model
    named = named_bases or named_base_families(repo.repo_id, " ".join(model.training_data_in_prose))
    return replace(model, named_base_models=named) if named else model


def _bases_first(models: dict[str, ModelEvidence]) -> list[str]:
    """Repository ids with in-project base models before their fine-tunes (a cycle keeps the given order)."""
    graph = {repo_id: [base for base in _bases_of(model) if base in models and base != repo_id]
             for repo_id, model in models.items()}
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError:
        return list(models)


def _bases_of(model: ModelEvidence) -> tuple[str, ...]:
    return model.declared_base_models or model.named_base_models


def _not_read(repo: HubRepo) -> Assessment:
    reason = NOT_READ_REASONS.get(repo.sync_status, NOT_READ_YET)
    return Assessment(
        subject=repo.repo_id, **{leg.value: LegResult(leg=leg, value=Value.UNKNOWN, reason=reason) for leg in Leg}
    )


def _update_project(project: Project, stored: list[StoredLeg], schemes: dict, details: list[dict]) -> bool:
    """Store the schemes, the review flags and the legs' effective values; returns whether the project row changed."""
    add, resolved = review_changes(stored)
    review_reason = updated_review_reason(project.review_reason, add=add, resolved=resolved)
    wanted = {"schemes": schemes, "review_reason": review_reason, "review_details": details,
              "needs_review": bool(review_reason or details), **_leg_columns(project, stored)}
    changed = {name: value for name, value in wanted.items() if getattr(project, name) != value}
    for name, value in changed.items():
        setattr(project, name, value)
    if changed:
        project.save(update_fields=[*changed, "updated_at"])
    return bool(changed)


def _leg_columns(project: Project, stored: list[StoredLeg]) -> dict[str, str]:
    """`Project.<leg>_leg`: the effective value of each of the project's own leg rows (an override wins)."""
    return {f"{leg.row.leg}_leg": leg.row.value for leg in stored if leg.row.project_id == project.pk}
