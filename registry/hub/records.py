"""What the registry knows of a Hub repository: frozen records built from huggingface_hub's answers.

`raw` keeps the JSON the Hub sent for the repo (a list row or a `model_info` answer), so facts we do not
parse yet are not lost; every other field is normalised (see `registry.hub.fields`).
"""

from dataclasses import dataclass
from datetime import datetime

import yaml
from huggingface_hub import DatasetCard, DatasetInfo, ModelCard, ModelInfo

from registry.hub import fields
from registry.hub.fields import Gated


@dataclass(frozen=True)
class HubModel:
    """A model repository as the Hub describes it. Counters are None when the Hub did not send them."""

    repo_id: str
    sha: str | None
    last_modified: datetime | None
    created_at: datetime | None
    author: str | None
    gated: Gated
    private: bool
    disabled: bool
    downloads: int | None
    downloads_all_time: int | None
    likes: int | None
    library_name: str | None
    pipeline_tag: str | None
    tags: tuple[str, ...]
    card_data: dict
    parameters: int | None
    license: str | None
    license_name: str | None
    license_link: str | None
    languages: tuple[str, ...]
    datasets: tuple[str, ...]
    base_models: tuple[str, ...]
    raw: dict


@dataclass(frozen=True)
class HubDataset:
    """A dataset repository as the Hub describes it. Languages come from the card, else `language:` tags."""

    repo_id: str
    sha: str | None
    last_modified: datetime | None
    created_at: datetime | None
    author: str | None
    gated: Gated
    private: bool
    disabled: bool
    downloads: int | None
    downloads_all_time: int | None
    likes: int | None
    tags: tuple[str, ...]
    card_data: dict
    license: str | None
    license_name: str | None
    license_link: str | None
    languages: tuple[str, ...]
    raw: dict


@dataclass(frozen=True)
class HubCard:
    """A repository's README: its YAML metadata and Markdown body.

    When the front matter cannot be parsed, `metadata` is empty, `text` is the whole README and
    `error` says why. A repository without README gives an empty card.
    """

    repo_id: str
    repo_type: str
    metadata: dict
    text: str
    error: str | None = None


def model_from_info(info: ModelInfo, raw: dict) -> HubModel:
    """Build a HubModel from a `ModelInfo` and the JSON it was parsed from."""
    card = _card_dict(info)
    tags = tuple(info.tags or ())
    return HubModel(
        **_common_fields(info, card, tags, raw),
        library_name=info.library_name,
        pipeline_tag=info.pipeline_tag,
        parameters=info.safetensors.total if info.safetensors else None,
        languages=fields.languages(card.get("language")),
        datasets=fields.repo_ids(card.get("datasets"), tags, "dataset"),
        base_models=fields.repo_ids(card.get("base_model"), tags, "base_model"),
    )


def dataset_from_info(info: DatasetInfo, raw: dict) -> HubDataset:
    """Build a HubDataset from a `DatasetInfo` and the JSON it was parsed from."""
    card = _card_dict(info)
    tags = tuple(info.tags or ())
    declared_languages = card.get("language") or fields.tag_values(tags, "language")
    return HubDataset(
        **_common_fields(info, card, tags, raw),
        languages=fields.languages(declared_languages),
    )


def _common_fields(info: ModelInfo | DatasetInfo, card: dict, tags: tuple[str, ...], raw: dict) -> dict:
    return dict(
        repo_id=info.id,
        sha=info.sha,
        last_modified=info.last_modified,
        created_at=info.created_at,
        author=info.author,
        gated=fields.gated_level(info.gated),
        private=bool(info.private),
        disabled=bool(info.disabled),
        downloads=info.downloads,
        downloads_all_time=info.downloads_all_time,
        likes=info.likes,
        tags=tags,
        card_data=card,
        license=fields.licence(card, tags),
        license_name=fields.text_or_none(card.get("license_name")),
        license_link=fields.text_or_none(card.get("license_link")),
        raw=raw,
    )


def _card_dict(info: ModelInfo | DatasetInfo) -> dict:
    return fields.jsonable(info.card_data.to_dict()) if info.card_data else {}


def card_from_text(repo_id: str, repo_type: str, text: str) -> HubCard:
    """Parse a README; malformed front matter gives a card with `error` set instead of raising."""
    card_class = DatasetCard if repo_type == "dataset" else ModelCard
    try:
        card = card_class(text, ignore_metadata_errors=True)
    # YAML errors escape ignore_metadata_errors; ValueError: non-dict front matter;
    # TypeError: non-string keys passed on as keyword arguments.
    except (yaml.YAMLError, ValueError, TypeError) as error:
        return HubCard(repo_id, repo_type, metadata={}, text=text, error=f"{type(error).__name__}: {error}")
    return HubCard(repo_id, repo_type, metadata=fields.jsonable(card.data.to_dict()), text=card.text)


def empty_card(repo_id: str, repo_type: str) -> HubCard:
    """The card of a repository that has no README."""
    return HubCard(repo_id, repo_type, metadata={}, text="")
