"""Where else a resource lives: its page on the site, its badge, itself in the API, the Hub."""

from django.urls import reverse


def project_badge_path(slug: str) -> str:
    # The badge view (URL name registry:badge) is not built yet; switch to reverse() then.
    return f"/badges/{slug}.svg"


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def project_links(request, project) -> dict:
    return {
        "html": absolute(request, project.get_absolute_url()),
        "badge": absolute(request, project_badge_path(project.slug)),
        "api": absolute(request, reverse("api:project-detail", kwargs={"slug": project.slug})),
    }


def hub_repo_links(request, repo) -> dict:
    detail = reverse("api:hub-repo-detail",
                     kwargs={"repo_type": repo.repo_type, "repo_id": repo.repo_id})
    return {"hub": repo.hub_url, "api": absolute(request, detail)}
