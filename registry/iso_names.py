"""Names of the countries (ISO 3166-1 alpha-2) and languages (ISO 639-1) the catalog uses, in the page's
language, and the language headings of the OpenLLM-Europe list, which is how that list organises its projects.

English names come from the tables below; other languages' from the Unicode CLDR (Babel), falling back to
English where the CLDR has no name.

Countries: a small table rather than a dependency (Europe and the non-European countries the seed names).
Languages: Django's own table, completed. A code missing from both is shown as the code itself.
"""

import json
from functools import cache
from pathlib import Path

from babel import Locale
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import get_language

CURATION_FILE = Path(__file__).resolve().parent / "data" / "curation.json"

COUNTRY_NAMES = {
    "AD": "Andorra", "AL": "Albania", "AT": "Austria", "BA": "Bosnia and Herzegovina", "BE": "Belgium",
    "BG": "Bulgaria", "BY": "Belarus", "CH": "Switzerland", "CY": "Cyprus", "CZ": "Czechia", "DE": "Germany",
    "DK": "Denmark", "EE": "Estonia", "ES": "Spain", "FI": "Finland", "FR": "France", "GB": "United Kingdom",
    "GR": "Greece", "HR": "Croatia", "HU": "Hungary", "IE": "Ireland", "IS": "Iceland", "IT": "Italy",
    "LI": "Liechtenstein", "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia", "MC": "Monaco", "MD": "Moldova",
    "ME": "Montenegro", "MK": "North Macedonia", "MT": "Malta", "NL": "Netherlands", "NO": "Norway", "PL": "Poland",
    "PT": "Portugal", "RO": "Romania", "RS": "Serbia", "SE": "Sweden", "SI": "Slovenia", "SK": "Slovakia",
    "SM": "San Marino", "TR": "Türkiye", "UA": "Ukraine", "VA": "Vatican City", "XK": "Kosovo",
    # Outside Europe, named by the seed sources.
    "BR": "Brazil", "US": "United States",
}

# Languages that Django's own table (`django.conf.locale.LANG_INFO`, which names the rest) does not have.
MORE_LANGUAGE_NAMES = {"la": "Latin", "mt": "Maltese", "oc": "Occitan", "zh": "Chinese"}


def country_name(code: str) -> str:
    """"France" for "FR" (any case), "Allemagne" for "DE" on a French page; the code itself, upper-cased,
    when no table names it."""
    code = code.upper()
    english = COUNTRY_NAMES.get(code, code)
    return _cldr_names("territories").get(code, english) if english != code else english


def language_name(code: str) -> str:
    """"French" for "fr" (any case), "Français" on a French page; the code itself, lower-cased, when no table
    names it."""
    code = code.lower()
    english = LANG_INFO.get(code, {}).get("name") or MORE_LANGUAGE_NAMES.get(code, code)
    local = _cldr_names("languages").get(code) if english != code else None
    return local[:1].upper() + local[1:] if local else english


def _cldr_names(kind: str) -> dict[str, str]:
    """The CLDR's names of `kind` ("territories", "languages") in the active language; none for English."""
    language = get_language() or settings.LANGUAGE_CODE
    return {} if language == "en" else getattr(_locale(language), kind)


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def is_known_language(code: str) -> bool:
    return language_name(code) != code.lower()


@cache
def list_language_headings() -> tuple[tuple[str, str], ...]:
    """(heading, ISO 639-1 code) for each language heading of the OpenLLM-Europe list, in the list's spelling
    ("Norvegian"), in alphabetical order; read once per process from the registry's curation file."""
    headings = json.loads(CURATION_FILE.read_text(encoding="utf-8"))["languages_by_section"]
    return tuple(sorted(headings.items()))
