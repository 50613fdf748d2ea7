"""Write a row only when it differs from the desired state, so repeated loads change nothing."""

from enum import Enum


class Outcome(Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def upsert(model, *, lookup: dict, values: dict):
    """Create or update the row matching ``lookup``; return ``(instance, Outcome)``.

    Fields already equal to ``values`` are left alone, so ``auto_now`` timestamps
    only move when something really changed; so are the fields a person edited
    (listed in the row's ``person_edited``, where the model has it).
    """
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values), Outcome.CREATED
    kept = set(getattr(instance, "person_edited", None) or ())
    changed = [name for name, value in values.items() if name not in kept and getattr(instance, name) != value]
    if not changed:
        return instance, Outcome.UNCHANGED
    for name in changed:
        setattr(instance, name, values[name])
    instance.save(update_fields=[*changed, *_auto_now_fields(model)])
    return instance, Outcome.UPDATED


def _auto_now_fields(model):
    return [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
