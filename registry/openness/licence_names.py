"""Licences written as prose ("Apache 2.0", "CC BY-NC 4.0 license", "Llama 3.3 Community License
Agreement") mapped to Hub licence ids, so that free text such as the OSAI Index's `endmodellicense` can be
classified. Text that names no licence we know stays unmapped: it is shown as written, never guessed.
"""

from __future__ import annotations

import re

from registry.openness.licences import LicenceTable

_BOILERPLATE = re.compile(r"\b(the|license|licence|agreement|version)\b|[()\[\],]")
_LLAMA = re.compile(r"^llama[\s-]*(\d+(?:\.\d+)?)[\s-]*community\b")
_VERSIONLESS_CC = re.compile(r"^cc-by(?:-(?:nc|nd|sa))*$")
_NON_COMMERCIAL = re.compile(r"non[\s-]?commercial|research[\s-](?:purposes[\s-])?only|for research purposes|academic[\s-]only")


def normalise_licence_name(text: str | None, table: LicenceTable) -> str | None:
    """The Hub id that `text` names, or None when it names no licence in `table`.

    Tries, in order: the text as an id or full name; the text without boilerplate words, hyphenated
    ("Apache 2.0" -> apache-2.0, "MIT License" -> mit); a Llama community licence; a Creative Commons
    licence written without a version (read as its newest version in the table, whose class is the same).
    """
    if not text or not text.strip():
        return None
    for candidate in (text, _slug(text)):
        licence = table.get(candidate)
        if licence:
            return licence.hf_id
    return _llama_id(text, table) or _versionless_cc_id(_slug(text), table)


def names_non_commercial_terms(text: str | None) -> bool:
    """Whether the licence's own name says it is non-commercial or research-only (used only when it is not in
    the table)."""
    return bool(text and _NON_COMMERCIAL.search(text.lower()))


def _slug(text: str) -> str:
    words = _BOILERPLATE.sub(" ", text.lower()).split()
    return "-".join(words)


def _llama_id(text: str, table: LicenceTable) -> str | None:
    match = _LLAMA.match(text.strip().lower())
    licence = table.get(f"llama{match.group(1)}") if match else None
    return licence.hf_id if licence else None


def _versionless_cc_id(slug: str, table: LicenceTable) -> str | None:
    if not _VERSIONLESS_CC.match(slug):
        return None
    versions = [licence.hf_id for licence in table if re.fullmatch(rf"{slug}-\d\.\d", licence.hf_id)]
    return max(versions, default=None)
