"""sitemap.xml: the site's pages for search engines (django.contrib.sitemaps, absolute URLs from the
request's host), in every language of the site, each entry naming its other languages (hreflang alternates).

Pages are named by URL name, and a name that does not resolve (a page not built yet, or removed)
is left out rather than breaking the sitemap.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import NoReverseMatch, reverse

from registry import selectors

# URLs on one page of a section: Django builds each one with its alternates (about 1 ms a URL), so a page takes 2 s.
URLS_PER_PAGE = 2_000

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


def existing_names(names) -> list[str]:
    """The URL names that resolve without arguments, in order."""
    existing = []
    for name in names:
        try:
            reverse(name)
        except NoReverseMatch:
            continue
        existing.append(name)
    return existing


class TranslatedSitemap(Sitemap):
    """Every item once per language of the site, with the others as alternates (and x-default: English); paged
    at URLS_PER_PAGE URLs (the protocol allows 50,000), which the sitemap index lists."""

    i18n = True
    alternates = True
    x_default = True
    limit = URLS_PER_PAGE


class PageSitemap(TranslatedSitemap):
    changefreq = "daily"

    def items(self):
        return existing_names(PAGE_NAMES)

    def location(self, name: str) -> str:
        return reverse(name)  # in the language the sitemap framework activated for this entry


class ProjectSitemap(TranslatedSitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.list_sitemap_projects()

    def lastmod(self, project):
        return project.updated_at

    def get_latest_lastmod(self):
        """For the index: asked of the database, not of every project in Python (Django's default)."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {"pages": PageSitemap, "projects": ProjectSitemap}
