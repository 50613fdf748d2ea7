"""Normalisation of the loosely typed fields of Hub cards and tags.

Card metadata is YAML written by people: a field may be a string or a list, PyYAML (YAML 1.1) reads the
Norwegian code `no` as `False`, and authors escape it as `\\no` or `'no'`. The Hub also derives tags such as
`license:apache-2.0`, `dataset:<repo_id>` and `base_model:finetune:<repo_id>` from the card. These pure
functions turn both into the plain values the registry stores.
"""

import json
from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

Gated = Literal["no", "auto", "manual"]

# Several licences in one card mostly mean "parts of this repo are under each of them", so all apply.
# Reading them as alternatives ("OR") would over-claim openness.
LICENCE_SEPARATOR = " AND "


def gated_level(value: Any) -> Gated:
    """The Hub's `gated` (`false`, `"auto"`, `"manual"`) as one of "no", "auto", "manual"."""
    if value in ("auto", "manual"):
        return value
    # An unknown truthy value is read as the stricter level.
    return "manual" if value else "no"


def licence(card: dict, tags: Iterable[str]) -> str | None:
    """Lower-cased licence id(s) from the card, else from `license:` tags; several are joined with " AND "."""
    ids = unique(str(value).lower() for value in as_list(card.get("license"))) or unique(tag_values(tags, "license"))
    return LICENCE_SEPARATOR.join(ids) or None


def text_or_none(value: Any) -> str | None:
    """A stripped string, or None for a missing or blank value."""
    text = str(value).strip() if value is not None else ""
    return text or None


def languages(values: Any) -> tuple[str, ...]:
    """Lower-cased language codes, with the YAML mangles of Norwegian repaired."""
    return unique(code for code in map(_language_code, as_list(values)) if code)


def _language_code(value: Any) -> str | None:
    if value is False:  # an unquoted `no` read by a YAML 1.1 parser
        return "no"
    if not isinstance(value, str):
        return None
    return value.strip().lstrip("\\").lower() or None


def repo_ids(declared: Any, tags: Iterable[str], tag_key: str) -> tuple[str, ...]:
    """Repo ids declared in the card, followed by those only found in `<tag_key>:` tags.

    Qualified tags (`base_model:finetune:<id>`) count for the id after the last colon; repo ids
    never contain one.
    """
    from_tags = (tag.rsplit(":", 1)[1] for tag in tags if tag.startswith(f"{tag_key}:"))
    from_card = (str(value) for value in as_list(declared))
    return unique([*from_card, *from_tags])


def tag_values(tags: Iterable[str], key: str) -> list[str]:
    """The values of `key:value` tags, e.g. tag_values(tags, "language") -> ["fr", "en"]."""
    prefix = f"{key}:"
    return [tag.removeprefix(prefix) for tag in tags if tag.startswith(prefix)]


def as_list(value: Any) -> list:
    """A card field that may be absent, a scalar or a list, as a list."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-blank values without duplicates, first occurrence first."""
    return tuple(dict.fromkeys(value.strip() for value in values if value and value.strip()))


def jsonable(value: Any) -> Any:
    """A deep copy made only of JSON types: dates become ISO strings, anything else exotic its str()."""
    return json.loads(json.dumps(value, default=_json_default))


def _json_default(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
