"""The project list at /projects/: search, facets with counts, sorting and pages, all in the query string.

The form is a plain GET form, so every state is a shareable URL and the page works without JavaScript.
With htmx the form asks again while the visitor types and gets only `partials/project_results.html`
(the results, and the facets swapped out of band so their counts follow).
"""

from dataclasses import dataclass

from django.shortcuts import render

from registry import selectors
from registry.facets import FacetCounts, count_project_facets
from registry.filters import ProjectFilterSet
from registry.models import Project
from registry.paging import KeysPaginator, keys_in_order, rows_in_key_order
from registry.search import SORTS, order_projects
from registry.views.openness_display import project_badge

PAGE_SIZE = 20


@dataclass(frozen=True)
class ProjectEntry:
    project: Project
    badge: object
    downloads: int | None
    likes: int | None


def project_list(request):
    filterset, ignored = _valid_filterset(request.GET)
    # Unknown sorts fall back to the best match, which order_projects makes the name order when not searching.
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "relevance"
    projects = order_projects(filterset.qs, sort)
    counts = FacetCounts(filterset)
    facets = count_project_facets(counts)
    page = KeysPaginator(keys_in_order(projects), PAGE_SIZE, count=counts.matching()).get_page(request.GET.get("page"))
    context = {
        "search": filterset.form.cleaned_data.get("search") or "",
        "sort": sort,
        "sorts": SORTS.items(),
        "facets": facets,
        "active_filters": sum(any(value.selected for value in facet.values) for facet in facets),
        "page": page,
        "entries": [_entry(project) for project in rows_in_key_order(projects, list(page))],
        "ignored": ignored,
        "is_htmx": _wants_fragment(request),
    }
    template = "registry/partials/project_results.html" if context["is_htmx"] else "registry/project_list.html"
    return render(request, template, context)


def _valid_filterset(data) -> tuple[ProjectFilterSet, list[str]]:
    """The FilterSet of `data` without the parameters it rejects, and the names of those (shown, not fatal)."""
    filterset = ProjectFilterSet(data, queryset=selectors.list_project_cards())
    if filterset.is_valid():
        return filterset, []
    ignored = sorted(filterset.errors)
    kept = data.copy()
    for name in ignored:
        kept.pop(name, None)
    filterset = ProjectFilterSet(kept, queryset=selectors.list_project_cards())
    filterset.is_valid()
    return filterset, ignored


def _entry(project: Project) -> ProjectEntry:
    repos = project.hub_repos.all()
    return ProjectEntry(project, project_badge(project), _total(r.downloads for r in repos),
                        _total(r.likes for r in repos))


def _total(values) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def _wants_fragment(request) -> bool:
    # htmx asks for the whole page again when it restores history it has not cached.
    return "HX-Request" in request.headers and "HX-History-Restore-Request" not in request.headers
