"""sitemap.xml: the site's pages for search engines (django.contrib.sitemaps, absolute URLs from the
request's host).

Pages are named by URL name, and a name that does not resolve (a page not built yet, or removed)
is left out rather than breaking the sitemap.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from registry import selectors

# The site's own pages, most important first; list pages added later appear once their name resolves.
PAGE_NAMES = (
    "registry:home",
    "registry:project-list",
    "registry:grid",
    "registry:organisation-list",
    "registry:country-list",
    "registry:language-list",
    "registry:methodology",
    "registry:sync-status",
)


def existing_paths(names) -> list[str]:
    """The paths of the URL names that resolve without arguments, in order."""
    paths = []
    for name in names:
        try:
            paths.append(reverse(name))
        except NoReverseMatch:
            continue
    return paths


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return existing_paths(PAGE_NAMES)

    def location(self, path: str) -> str:
        return path


class ProjectSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.list_sitemap_projects()

    def lastmod(self, project):
        return project.updated_at


SITEMAPS = {"pages": PageSitemap, "projects": ProjectSitemap}
