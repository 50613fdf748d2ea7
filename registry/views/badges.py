"""Embeddable SVG badges (/badges/<slug>.svg and /badges/<slug>/<leg>.svg) for model cards and READMEs, and
each model family's PNG preview for social sites (/projects/<slug>/preview.png).

Cacheable: the ETag is the catalog version, which every openness change bumps, so a revalidation answers
304 without touching the database; shared caches may keep a badge for five minutes.
"""

from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from registry import selectors
from registry.badges import Badge, badge_svg, leg_svg
from registry.models import Project
from registry.preview_image import preview_png
from registry.services.catalog_version import get_catalog_version

SVG_CONTENT_TYPE = "image/svg+xml"
# Bump when the SVG drawing changes, so caches holding the old drawing revalidate.
BADGE_FORMAT = "1"


def badge_etag(request, slug, leg=None) -> str:
    version, _ = get_catalog_version()
    return f'"badge{BADGE_FORMAT}-{version}"'


@require_safe
@cache_control(public=True, max_age=300)
@condition(etag_func=badge_etag)
def badge(request, slug):
    project, project_badge = _badge_of(slug)
    return HttpResponse(badge_svg(project_badge, name=project.name), content_type=SVG_CONTENT_TYPE)


@require_safe
@cache_control(public=True, max_age=300)
@condition(etag_func=badge_etag)
def badge_leg(request, slug, leg):
    project, project_badge = _badge_of(slug)
    return HttpResponse(leg_svg(project_badge, leg, name=project.name), content_type=SVG_CONTENT_TYPE)


@require_safe
def project_preview(request, slug):
    """Cached and revalidated like the pages (`registry.page_cache`, in the URLs)."""
    project, project_badge = _badge_of(slug)
    return HttpResponse(preview_png(project_badge, name=project.name), content_type="image/png")


def _badge_of(slug: str) -> tuple[Project, Badge]:
    try:
        project = selectors.get_badge_project(slug=slug)
    except Project.DoesNotExist:
        raise Http404("No such model family.") from None
    return project, Badge.of_project(project)
