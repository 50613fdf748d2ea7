"""What the organisation, country and language pages show: project rows with their badges, and named codes.

Reads only what `selectors.list_catalog_projects` prefetched (no queries of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse

from registry.badges import Badge
from registry.iso_names import country_name, language_name, list_language_headings
from registry.models import Project
from registry.views.openness_display import project_badge

# The codes the pages' URLs accept: ISO 3166-1 alpha-2; ISO 639-1, or 639-2/3 where a project declares one.
COUNTRY_CODE, LANGUAGE_CODE = re.compile(r"[A-Z]{2}"), re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class Place:
    """A country or a language as a page links to it."""

    code: str
    name: str
    url: str
    count: int = 0


@dataclass(frozen=True)
class ProjectRow:
    project: Project
    badge: Badge | None
    countries: tuple[Place, ...]


def project_rows(projects) -> list[ProjectRow]:
    """Each project with its badge (None when it is not a rated model family) and its countries named."""
    return [ProjectRow(project, project_badge(project), tuple(map(country, project.countries or ())))
            for project in projects]


def country(code: str, count: int = 0) -> Place:
    """A country's name and page ("" for a code that cannot have one)."""
    code = code.upper()
    url = reverse("registry:country-detail", kwargs={"code": code}) if COUNTRY_CODE.fullmatch(code) else ""
    return Place(code, country_name(code), url, count)


def language(code: str, count: int = 0) -> Place:
    """A language's name and page ("" for a code that cannot have one)."""
    code = code.lower()
    url = reverse("registry:language-detail", kwargs={"code": code}) if LANGUAGE_CODE.fullmatch(code) else ""
    return Place(code, language_name(code), url, count)


@dataclass(frozen=True)
class Heading:
    """One language heading of the OpenLLM-Europe list ("Norvegian initiatives") and the language it names."""

    label: str
    language: Place

    @property
    def source_spelling(self) -> str:
        """The list's word for the language where it differs from the language's name ("Norvegian"), else ""."""
        return "" if self.label == self.language.name else self.label


def language_index(counts: list[tuple[str, int]]) -> tuple[list[Heading], list[Place]]:
    """The list's language headings with their languages' counts, then every other declared language
    (most projects first)."""
    by_code = dict(counts)
    headings = [Heading(label, language(code, by_code.get(code, 0)))
                for label, code in list_language_headings()]
    named = {heading.language.code for heading in headings}
    return headings, [language(code, n) for code, n in counts if code not in named]
