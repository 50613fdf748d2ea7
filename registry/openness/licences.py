"""Licence knowledge: the Hub's licence identifiers and how the registry classifies them.

The table comes from `registry/data/hf_licences.json` (83 Hub ids, each with a class: osi, open-data,
use-restricted, non-commercial, no-derivatives, other, unknown). It is looked up case-insensitively by Hub
id, SPDX id (and its alternatives), ScanCode key, or the Hub's full name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

DEFAULT_LICENCES_PATH = Path(__file__).resolve().parent.parent / "data" / "hf_licences.json"

OPEN_CLASSES = frozenset({"osi", "open-data"})
RESTRICTED_CLASSES = frozenset({"use-restricted", "non-commercial", "no-derivatives"})


@dataclass(frozen=True, kw_only=True)
class Licence:
    """One row of the licence table."""

    hf_id: str
    name: str
    licence_class: str
    reason: str
    spdx_id: str | None = None
    spdx_alternatives: tuple[str, ...] = ()
    scancode_key: str | None = None
    unrestricted: bool | None = None
    osi_approved: bool | None = None
    is_family: bool = False

    @property
    def label(self) -> str:
        return self.spdx_id or self.hf_id

    @property
    def restricts_nobody(self) -> bool:
        """The model-leg test: the terms restrict neither who may use it nor for what."""
        return self.licence_class in OPEN_CLASSES or self.unrestricted is True

    @property
    def lookup_keys(self) -> tuple[str, ...]:
        keys = (self.hf_id, self.spdx_id, self.scancode_key, self.name, *self.spdx_alternatives)
        return tuple(key.lower() for key in keys if key)


class LicenceTable:
    """An immutable index of licences by every name they are known under."""

    def __init__(self, licences: Iterable[Licence]) -> None:
        self._licences = tuple(licences)
        index: dict[str, Licence] = {}
        for licence in self._licences:
            for key in licence.lookup_keys:
                index.setdefault(key, licence)
        self._index = MappingProxyType(index)

    def __len__(self) -> int:
        return len(self._licences)

    def __iter__(self) -> Iterator[Licence]:
        return iter(self._licences)

    def get(self, identifier: str) -> Licence | None:
        """The licence known as `identifier` (Hub id, SPDX id, ScanCode key or full name), or None."""
        return self._index.get(identifier.strip().lower())


def load_licence_table(path: Path | str = DEFAULT_LICENCES_PATH) -> LicenceTable:
    """Read the licence table from a JSON file shaped like `hf_licences.json`.

    Raises OSError when the file cannot be read and KeyError when a row lacks a required field.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return LicenceTable(_licence_from_row(row) for row in data["licences"])


@cache
def default_licence_table() -> LicenceTable:
    """The packaged table, read once per process."""
    return load_licence_table()


def _licence_from_row(row: Mapping) -> Licence:
    return Licence(
        hf_id=row["hf_id"],
        name=row["name"],
        licence_class=row["class"],
        reason=row["reason"],
        spdx_id=row.get("spdx_id"),
        spdx_alternatives=tuple(row.get("spdx_id_alternatives") or ()),
        scancode_key=row.get("scancode_spdx_key"),
        unrestricted=row.get("unrestricted"),
        osi_approved=row.get("osi_approved"),
        is_family=bool(row.get("is_family")),
    )
