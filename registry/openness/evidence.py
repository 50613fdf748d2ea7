"""The evidence the rules read: what the Hub says about a model and its datasets, the code repository, and
statements made by people or by the European Open Source AI Index.

These are plain frozen dataclasses filled by the sync worker and the storage layer; the rules never fetch
anything themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from registry.openness.types import Fact, Gate, Kind, Leg, Value

HUB_URL = "https://huggingface.co"


@dataclass(frozen=True, kw_only=True)
class ModelEvidence:
    """One model repository on the Hub, as the sync worker read it.

    `license` is the card's `license:` (a Hub id or an SPDX expression); `tags` may carry `license:`,
    `dataset:` and `base_model:` tags, which count like the card's keys. `card_text_caveats` are usage
    requests written in the card's prose (not licence terms). `training_data_in_prose` lists training data
    the prose names or links (dataset ids, links or short descriptions); mentions not covered by a declared
    dataset keep the corpus from being computed open. `gate_prompt` is the text of an automatic gate's
    conditions, shown because it is part of the user agreement, and `gate_fields` the labels of the form it
    asks users to fill in (`extra_gated_fields`), read with it. `named_base_models` are base models that the
    repository's name, prose or project name without its card declaring `base_model`: the model is a
    fine-tune all the same, so its corpus and code legs cannot be open on its fine-tuning data alone.
    """

    repo_id: str
    license: str | None = None
    license_name: str | None = None
    license_link: str | None = None
    tags: tuple[str, ...] = ()
    gated: Gate = Gate.NO
    weights_published: bool = True
    datasets: tuple[str, ...] = ()
    base_models: tuple[str, ...] = ()
    card_text_caveats: tuple[str, ...] = ()
    training_data_in_prose: tuple[str, ...] = ()
    gate_prompt: str | None = None
    gate_fields: tuple[str, ...] = ()
    named_base_models: tuple[str, ...] = ()
    seen_at: datetime | None = None
    revision_at: datetime | None = None
    seen_via: str | None = None

    @property
    def url(self) -> str:
        return f"{HUB_URL}/{self.repo_id}"

    @property
    def declared_licence(self) -> str | None:
        """The card's `license:`, else the first `license:` tag."""
        return self.license or next(iter(_tag_values(self.tags, "license")), None)

    @property
    def declared_datasets(self) -> tuple[str, ...]:
        """The card's `datasets:` and `dataset:` tags, in order, without repeats."""
        return _unique(self.datasets + _tag_values(self.tags, "dataset"))

    @property
    def declared_base_models(self) -> tuple[str, ...]:
        """The card's `base_model` and `base_model:` tags (`base_model:finetune:<id>` gives `<id>`)."""
        return _unique(self.base_models + _tag_values(self.tags, "base_model"))


@dataclass(frozen=True, kw_only=True)
class DatasetEvidence:
    """One dataset as the Hub reported it. `exists` is False when the Hub answered "not found"."""

    repo_id: str
    exists: bool = True
    gated: Gate = Gate.NO
    license: str | None = None
    seen_at: datetime | None = None
    revision_at: datetime | None = None
    seen_via: str | None = None

    @property
    def url(self) -> str:
        return f"{HUB_URL}/datasets/{self.repo_id}"


class Coverage(StrEnum):
    """What a code repository covers; only pre-training code can make the code leg open."""

    PRE_TRAINING = "pre-training"
    FINE_TUNING = "fine-tuning"
    INFERENCE = "inference"


@dataclass(frozen=True, kw_only=True)
class CodeEvidence:
    """A repository holding code of the model. `code_license` None means nobody has checked it yet (a lead);
    an empty string means it was checked and declares no licence."""

    code_url: str
    code_license: str | None = None
    covers: Coverage = Coverage.PRE_TRAINING
    source: str = "contributor"
    kind: Kind = Kind.ASSERTED
    seen_at: datetime | None = None
    seen_via: str | None = None


@dataclass(frozen=True, kw_only=True)
class AssertedFact:
    """A statement by a person or a third party about one leg, with its source.

    `source` starts with who asserts it: "moderator", "contributor" or "osai-index" (e.g.
    "osai-index:trainingcode", "contributor:alice"). For the corpus leg, `datasets` names training datasets
    the person asserts were used: they then count as declared and are checked on the Hub like the card's.
    """

    leg: Leg
    value: Value
    source: str
    statement: str
    url: str | None = None
    seen_at: datetime | None = None
    attribution: str | None = None
    datasets: tuple[str, ...] = ()
    seen_via: str | None = None

    @property
    def asserter(self) -> str:
        return self.source.split(":", 1)[0]

    def as_fact(self) -> Fact:
        return Fact(
            leg=self.leg,
            source=self.source,
            shows=self.statement,
            value=self.value,
            reason=f"asserted by {self.asserter}",
            kind=Kind.ASSERTED,
            url=self.url,
            seen_at=self.seen_at,
            attribution=self.attribution,
            seen_via=self.seen_via,
        )


def _tag_values(tags: tuple[str, ...], prefix: str) -> tuple[str, ...]:
    """Values of `<prefix>:<value>` tags; for `<prefix>:<relation>:<value>` the last part."""
    return tuple(tag.rsplit(":", 1)[-1] for tag in tags if tag.startswith(f"{prefix}:"))


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
