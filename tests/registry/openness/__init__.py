"""Specifications of the openness rules (registry.openness), fed with the captured Hub fixtures and the
seed data. The helpers below read those files into evidence the way the sync worker would."""

import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

from registry.openness import DatasetEvidence, Gate, ModelEvidence

HUB_FIXTURES = Path(__file__).resolve().parents[2] / "data" / "hub"
SEED_DATA = Path(__file__).resolve().parents[3] / "registry" / "data"
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf")


def hub_model(fixture_id: str, /, **changes) -> ModelEvidence:
    """A model's evidence from its captured `GET /api/models/<id>` answer, with `changes` applied."""
    info = _hub_json("models", fixture_id)
    card = info.get("cardData") or {}
    evidence = ModelEvidence(
        repo_id=info["id"],
        license=card.get("license"),
        license_name=card.get("license_name"),
        license_link=card.get("license_link"),
        tags=tuple(info.get("tags", ())),
        gated=Gate(info.get("gated") or "no"),
        weights_published=any(sibling["rfilename"].endswith(WEIGHT_SUFFIXES) for sibling in info["siblings"]),
        datasets=tuple(card.get("datasets") or ()),
        base_models=_as_tuple(card.get("base_model")),
        gate_prompt=card.get("extra_gated_prompt"),
    )
    return replace(evidence, **changes)


def hub_dataset(fixture_id: str, /, **changes) -> DatasetEvidence:
    """A dataset's evidence from its captured `GET /api/datasets/<id>` answer, with `changes` applied."""
    info = _hub_json("datasets", fixture_id)
    evidence = DatasetEvidence(
        repo_id=info["id"],
        gated=Gate(info.get("gated") or "no"),
        license=(info.get("cardData") or {}).get("license"),
    )
    return replace(evidence, **changes)


def card_sentence(repo_id: str, phrase: str) -> str:
    """The sentence of a model card's prose that contains `phrase`."""
    text = (HUB_FIXTURES / "models" / f"{repo_id.replace('/', '__')}.README.md").read_text(encoding="utf-8")
    return next(sentence for sentence in re.split(r"(?<=\.)\s+", text) if phrase in sentence).strip()


@cache
def osai_index() -> dict:
    return json.loads((SEED_DATA / "osai_index_european.json").read_text(encoding="utf-8"))


def osai_model(name: str) -> dict:
    return next(model for model in osai_index()["models"] if model["system"]["name"] == name)


def _hub_json(kind: str, repo_id: str) -> dict:
    return json.loads((HUB_FIXTURES / kind / f"{repo_id.replace('/', '__')}.json").read_text(encoding="utf-8"))


def _as_tuple(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)
