"""Moderators' edits of catalog rows (in the admin): saved, credited, kept from seed loads, and reflected at once.

Each edit of a Project, HubRepo, CodeRepository, Licence or Evidence row is one transaction that saves the
row, records a ChangeRecord per changed field crediting the person, adds the field names to the row's
`person_edited` (so `load_catalog` never reverts them), recomputes the openness of the projects concerned
and bumps the catalog version.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q

from registry.models import ChangeRecord, CodeRepository, Evidence, HubRepo, Licence, Project
from registry.services.catalog_version import bump_catalog_version
from registry.services.openness import recompute_project_openness
from registry.services.openness.storage import fit
from registry.services.search_index import refresh_search_vectors

# The history's name for a created or deleted row; the changes of its fields are "<label>:<field>", except for
# the rows whose fields are named as such in the history (a project's "summary", a licence's "licence_class").
LABELS = {Project: "project", HubRepo: "hub_repo", Licence: "licence",
          CodeRepository: "code_repository", Evidence: "evidence"}
FIELDS_NAMED_PLAIN = (Project, HubRepo, Licence)


def save_with_history(*, instance: models.Model, changed_fields: Iterable[str], user,
                      reason: str | None = None) -> list[ChangeRecord]:
    """Save `instance` as edited by `user`; `changed_fields` are the form's changed field names.

    Atomic. A new row gets one record ("<label>", None → its values); an existing one a record per field whose
    stored value really changed (non-concrete fields such as many-to-many are not recorded). The names go to
    `person_edited` where the model has it. Then every project concerned, before and after the edit, is
    recomputed (crediting `user`) and the catalog version bumped. Returns the records of the edit itself,
    whose reason is `reason` when given (e.g. who submitted an approved contribution), else "… by a moderator".
    """
    with transaction.atomic():
        stored = type(instance).objects.filter(pk=instance.pk).first() if instance.pk else None
        names = [name for name in changed_fields if _concrete(instance, name)]
        changes = {name: (_value(stored, name) if stored else None, _value(instance, name)) for name in names}
        changes = {name: change for name, change in changes.items() if stored is None or change[0] != change[1]}
        _mark_person_edited(instance, changes)
        if stored is None and getattr(instance, "created_by_id", False) is None:
            instance.created_by = user
        instance.save()
        if isinstance(instance, Project):
            refresh_search_vectors(project_ids=[instance.pk])
        projects = _union(projects_affected_by(instance=stored) if stored else [], projects_affected_by(instance=instance))
        records = _records(instance, changes, created=stored is None, projects=projects, user=user, reason=reason)
        _recompute(projects, user)
    return records


def delete_with_history(*, instance: models.Model, user) -> None:
    """Delete `instance` as `user` asked: atomic, recorded on its projects, which are then recomputed.

    A project's own deletion takes its history with it, so it is not recorded; the catalog version is bumped.
    """
    with transaction.atomic():
        projects = [] if isinstance(instance, Project) else projects_affected_by(instance=instance)
        old = {field.name: _value(instance, field.name) for field in _recorded_fields(instance)}
        for project in projects or ([None] if not isinstance(instance, Project) else []):
            _create_record(project=project, field=LABELS[type(instance)], old=old, new=None,
                           reason=f"{instance} deleted by a moderator", user=user)
        instance.delete()
        _recompute(projects, user)


def record_project_change(*, project: Project, field: str, old, new, reason: str, user) -> ChangeRecord:
    """Record a change of `project` that no row's save records (its organisations), and bump the catalog
    version. Call inside the transaction that made the change."""
    bump_catalog_version()
    return _create_record(project=project, field=field, old=old, new=new, reason=reason, user=user)


def projects_affected_by(*, instance: models.Model) -> list[Project]:
    """The projects whose openness reads `instance`: itself for a project, the row's project for a repository,
    code repository or evidence row, and for a licence every project with a Hub repository or code repository
    under that licence id (case-insensitive, as the rules look licences up)."""
    if isinstance(instance, Project):
        return [instance]
    if isinstance(instance, Licence):
        identifier = instance.identifier
        under_licence = (Q(hub_repos__license__iexact=identifier) | Q(hub_repos__license_name__iexact=identifier)
                         | Q(code_repositories__licence__iexact=identifier))
        return list(Project.objects.filter(under_licence).distinct().order_by("pk"))
    project_id = getattr(instance, "project_id", None)
    return list(Project.objects.filter(pk=project_id)) if project_id else []


def _concrete(instance: models.Model, name: str) -> bool:
    try:
        field = instance._meta.get_field(name)
    except Exception:  # a form-only field: nothing stored under that name
        return False
    return field.concrete and not field.many_to_many


def _value(instance: models.Model, name: str):
    """The field's stored form as JSON (a foreign key as its id, a date as ISO 8601)."""
    value = instance._meta.get_field(name).value_from_object(instance)
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _recorded_fields(instance: models.Model) -> list[models.Field]:
    return [field for field in instance._meta.concrete_fields
            if not field.primary_key and field.name not in ("person_edited", "raw", "card_data")]


def _mark_person_edited(instance: models.Model, changes: dict) -> None:
    if hasattr(instance, "person_edited") and changes:
        instance.person_edited = sorted({*(instance.person_edited or ()), *changes} - {"person_edited"})


def _records(instance, changes: dict, *, created: bool, projects: list[Project], user,
             reason: str | None = None) -> list[ChangeRecord]:
    label = LABELS[type(instance)]
    if created:
        new = {field.name: _value(instance, field.name) for field in _recorded_fields(instance)}
        items = [(label, None, new, reason or f"{instance} added by a moderator")]
    else:
        plain = isinstance(instance, FIELDS_NAMED_PLAIN)
        items = [(name if plain else f"{label}:{name}", old, new, reason or f"{instance}: {name} edited by a moderator")
                 for name, (old, new) in changes.items()]
    hub_repo = instance if isinstance(instance, HubRepo) else None
    return [_create_record(project=project, hub_repo=hub_repo, field=field, old=old, new=new, reason=reason, user=user)
            for field, old, new, reason in items for project in (projects or [None])]


def _create_record(*, project, field, old, new, reason, user, hub_repo=None) -> ChangeRecord:
    return ChangeRecord.objects.create(project=project, hub_repo=hub_repo, field=fit(field, 100), old_value=old,
                                       new_value=new, reason=fit(reason), changed_by=user)


def _union(*groups: list[Project]) -> list[Project]:
    return list({project.pk: project for group in groups for project in group}.values())


def _recompute(projects: list[Project], user) -> None:
    for project in projects:
        recompute_project_openness(project=project, changed_by=user)
    bump_catalog_version()
