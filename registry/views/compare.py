"""The compare page: 2 to 6 projects side by side, leg by leg, licence by licence, checkpoint by checkpoint."""

from django.core.validators import slug_re
from django.http import QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from registry import selectors
from registry.views.compare_display import compare_sections

MIN_PROJECTS, MAX_PROJECTS = 2, 6
# Families offered in the picker besides the picked ones: the rest are found through the grid's filters.
PICKER_SIZE = 60


def project_compare(request):
    """`?projects=a,b,c` (or `projects` repeated, as the grid's checkboxes send it), in the order given.

    Fewer than 2, more than 6 or unknown slugs: a 400 page that says why, with the form to pick again.
    """
    slugs = requested_slugs(request.GET)
    # What is not a slug names no project (and a NUL would be a database error on PostgreSQL): unknown, unasked.
    candidates = [slug for slug in slugs if slug_re.fullmatch(slug)]
    found = {project.slug: project for project in selectors.list_projects_to_compare(slugs=candidates)}
    problems = selection_problems(slugs, known=found)
    others = list(selectors.list_comparable_projects().exclude(slug__in=found)[:PICKER_SIZE + 1])
    picked = [found[slug] for slug in slugs if slug in found]
    context = {"picker": [*picked, *others[:PICKER_SIZE]], "picker_more": len(others) > PICKER_SIZE,
               "picked": set(found), "problems": problems}
    if problems:
        return render(request, "registry/project_compare.html", context, status=400)
    projects = [found[slug] for slug in slugs]
    return render(request, "registry/project_compare.html", {
        **context, "projects": projects, "sections": compare_sections(projects),
    })


def requested_slugs(query: QueryDict) -> list[str]:
    """The slugs asked for, comma-separated and/or repeated, each once, in the order given."""
    slugs = (slug.strip() for value in query.getlist("projects") for slug in value.split(","))
    return list(dict.fromkeys(slug for slug in slugs if slug))


def selection_problems(slugs: list[str], *, known) -> list[str]:
    """Why the selection cannot be compared, in words; empty when it can."""
    problems = []
    if len(slugs) < MIN_PROJECTS:
        problems.append(_("Pick at least %(minimum)s projects to compare; you picked %(count)s.")
                        % {"minimum": MIN_PROJECTS, "count": len(slugs)})
    if len(slugs) > MAX_PROJECTS:
        problems.append(_("Pick at most %(maximum)s projects to compare; you picked %(count)s.")
                        % {"maximum": MAX_PROJECTS, "count": len(slugs)})
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        problems.append(_("No project in the registry is called %(names)s.")
                        % {"names": ", ".join(repr(slug) for slug in unknown)})
    return problems
