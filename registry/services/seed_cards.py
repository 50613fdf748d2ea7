"""Real card front matter seen in a public copy, written to a Hub repository row until a live sync reads the
Hub itself. The row says where the data came from (`data_origin`, `data_source`)."""

from registry.models import DataOrigin, HubRepo
from registry.services.seed_families import seen_at


def apply_card_copy(repo: HubRepo, card) -> bool:
    """Write `card` (a `seed_families.CardRecord`) to `repo` unless a live sync already read the Hub; fields a
    person edited are kept. Returns whether the row changed."""
    if repo.data_origin == DataOrigin.HUB:
        return False
    values = card_values(card)
    kept = set(repo.person_edited or ())
    changed = [name for name, value in values.items() if name not in kept and getattr(repo, name) != value]
    for name in changed:
        setattr(repo, name, values[name])
    if changed:
        repo.save(update_fields=[*changed, "updated_at"])
    return bool(changed)


def card_values(card) -> dict:
    front = card.card
    values = {
        "license": front.get("license") or "",
        "license_name": front.get("license_name") or "",
        "license_link": front.get("license_link") or "",
        "datasets": _as_list(front.get("datasets")),
        "base_models": _as_list(front.get("base_model")),
        "languages": _as_list(front.get("language")),
        "card_data": front,
        "data_origin": DataOrigin.CARD_COPY,
        "data_source": {**card.source, "weights_published": card.weights_published},
        "data_seen_at": seen_at(card.source),
        "sync_status": HubRepo.SyncStatus.SNAPSHOT,
    }
    gate = _gate(front.get("gated"))
    return values | ({"gated": gate} if gate else {})


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _gate(value) -> str | None:
    if value in (False, "no", "false"):
        return HubRepo.Gated.NO
    return value if value in (HubRepo.Gated.AUTO, HubRepo.Gated.MANUAL) else None
