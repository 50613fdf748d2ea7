"""The catalog's pages: a project's page and the methodology."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from registry import selectors
from registry.markdown import render_markdown
from registry.models import Project
from registry.openness import WHY_SCHEMES_DISAGREE
from registry.views.openness_display import (
    checkpoint_views,
    embed_snippets,
    leg_views,
    project_badge,
)
from registry.views.plain_summary import plain_summary
from registry.views.project_display import (
    base_model_links,
    code_repository_views,
    constructed_repo_ids,
    history_views,
    hub_repo_views,
    language_names,
)
from registry.views.related_display import related_project_views
from registry.views.replies_display import reply_context

METHODOLOGY_FILE = settings.BASE_DIR / "docs" / "methodology.md"


def project_detail(request, slug):
    try:
        project = selectors.get_project(slug=slug)
    except Project.DoesNotExist:
        raise Http404("No such project.") from None
    legs = project.legs.all()
    return render(request, "registry/project_detail.html", {
        "project": project,
        "badge": project_badge(project),
        "plain_summary": plain_summary(legs),
        "description": mark_safe(render_markdown(project.description)) if project.description else "",
        "legs": leg_views(legs),
        "checkpoints": checkpoint_views(project),
        "code_repositories": code_repository_views(project),
        "base_models": base_model_links(project),
        "constructed_repos": constructed_repo_ids(project),
        "hub_repos": hub_repo_views(project),
        "languages": language_names(project.languages),
        "related": related_project_views(project, selectors.list_related_projects(project=project)),
        "schemes": project.schemes,
        "why_schemes_disagree": WHY_SCHEMES_DISAGREE,
        "embed": embed_snippets(project, absolute=request.build_absolute_uri),
        "history": history_views(selectors.list_leg_changes(project=project)),
        **reply_context(request.user, project),
    })


def methodology(request):
    return render(request, "registry/methodology.html", {"methodology": methodology_html(get_language())})


def methodology_file(language: str) -> Path:
    """The document in `language` (docs/methodology.fr.md for French), or the English one when it has none."""
    translated = METHODOLOGY_FILE.with_suffix(f".{language}{METHODOLOGY_FILE.suffix}")
    return translated if translated.is_file() else METHODOLOGY_FILE


@cache
def methodology_html(language: str) -> SafeString:
    """The methodology in `language` as sanitised HTML, read and rendered once per process per language."""
    return mark_safe(render_markdown(methodology_file(language).read_text(encoding="utf-8")))
