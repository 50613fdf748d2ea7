"""The public website's pages."""

from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render

from registry import selectors
from registry.models import Project


def home(request):
    return render(request, "registry/home.html", {
        "stats": selectors.get_catalog_stats(),
        "projects": selectors.list_projects(),
        "organisations": selectors.list_organisations(),
    })


def project_detail(request, slug):
    try:
        project = selectors.get_project(slug=slug)
    except Project.DoesNotExist:
        raise Http404("No such project.") from None
    return render(request, "registry/project_detail.html", {"project": project})


def healthz(request):
    """Liveness for load balancers and compose: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
