"""The ways into the catalog besides search: organisations, countries and languages, each with its projects and
their openness. The OpenLLM-Europe list is organised by language headings and countries; these pages keep that.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from registry import selectors
from registry.iso_names import COUNTRY_NAMES, is_known_language
from registry.models import Organisation
from registry.views.catalog_display import country, language, language_index, project_rows

# Project cards per page on an organisation's, a country's or a language's page.
PAGE_SIZE = 50
# Organisations per page of the organisation index: today's 42 on one page.
ORGANISATIONS_PER_PAGE = 200


def paged_rows(request, projects) -> dict:
    """The page of `projects` the URL asks for (`page`), as `page` and its cards as `rows`."""
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page": page, "rows": project_rows(page)}


def organisation_list(request):
    page = Paginator(selectors.list_organisation_index(), ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "registry/organisation_list.html", {
        "page": page,
        "organisations": [(organisation, country(organisation.country) if organisation.country else None)
                          for organisation in page],
    })


def organisation_detail(request, slug):
    try:
        organisation = selectors.get_organisation(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation.") from None
    return render(request, "registry/organisation_detail.html", {
        "organisation": organisation,
        "country": country(organisation.country) if organisation.country else None,
        **paged_rows(request, selectors.list_organisation_projects(organisation=organisation)),
        "list_entry_url": openllm_europe_entry(organisation),
    })


def openllm_europe_entry(organisation: Organisation) -> str | None:
    """The permalink of the OpenLLM-Europe list's row that names this organisation itself, if one does: such
    rows list an organisation, not a project, so the registry has no project of theirs until someone adds one."""
    return next((source.get("url") for source in organisation.sources or []
                 if source.get("dataset") == "openllm-europe"), None)


def country_list(request):
    return render(request, "registry/country_list.html", {
        "countries": [country(code, n) for code, n in selectors.count_projects_by_country()],
    })


def country_detail(request, code):
    if code != code.upper():
        return redirect("registry:country-detail", code=code.upper(), permanent=True)
    paged = paged_rows(request, selectors.list_country_projects(code=code))
    organisations = list(selectors.list_country_organisations(code=code))
    if not (paged["rows"] or organisations or code in COUNTRY_NAMES):
        raise Http404("No such country in the catalog.")
    return render(request, "registry/country_detail.html", {
        "country": country(code), **paged, "organisations": organisations,
    })


def language_list(request):
    headings, others = language_index(selectors.count_projects_by_language())
    return render(request, "registry/language_list.html", {"headings": headings, "others": others})


def language_detail(request, code):
    if code != code.lower():
        return redirect("registry:language-detail", code=code.lower(), permanent=True)
    paged = paged_rows(request, selectors.list_language_projects(code=code))
    if not (paged["rows"] or is_known_language(code)):
        raise Http404("No such language in the catalog.")
    return render(request, "registry/language_detail.html", {"language": language(code), **paged})
