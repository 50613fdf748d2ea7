"""The openness grid: which European LLMs are truly open, at a glance, filtered and sorted by the URL."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from registry import selectors
from registry.filters import ProjectFilterSet
from registry.views.grid_display import filter_controls, grid_row, parse_sort, sort_headers

# Rows per page: every family of today's catalog on one page, and a page's cost bounded as the catalog grows.
PAGE_SIZE = 100


def project_grid(request):
    """Every visible model family as a row, PAGE_SIZE to a page; the site's project FilterSet filters it, `sort`
    orders it.

    An invalid filter or sort is ignored and named on the page, which answers 400.
    """
    filterset = ProjectFilterSet(request.GET, queryset=selectors.list_grid_projects())
    problems = [f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()]
    sort = parse_sort(request.GET.get("sort") or "name")
    if sort is None:
        problems.append(_("sort: cannot sort by %(sort)r; sorted by name instead.") % {"sort": request.GET["sort"]})
        sort = ("name", False)
    key, descending = sort
    summary = selectors.get_grid_summary()
    filtered = any(value not in (None, "") for value in filterset.form.cleaned_data.values())
    paginator = Paginator(selectors.order_grid(filterset.qs, key=key, descending=descending), PAGE_SIZE)
    if not filtered:
        paginator.count = summary["families"]  # the summary counted them already: no COUNT query
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "registry/project_grid.html", {
        "page": page,
        "rows": [grid_row(project) for project in page],
        "summary": summary,
        "headers": sort_headers(request.GET, key=key, descending=descending),
        "controls": filter_controls(request.GET, countries=selectors.list_grid_countries()),
        "e2e_only": request.GET.get("e2e") == "true",
        "filtered": filtered,
        "problems": problems,
    }, status=400 if problems else 200)
