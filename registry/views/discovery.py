"""What crawlers and browsers ask of every site: robots.txt, /favicon.ico and the sitemap."""

from django.contrib.sitemaps import views as sitemaps
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import PrefixNode
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from registry.sitemaps import SITEMAPS

# Pages for people only: the admin and the moderators' queue.
PRIVATE_PREFIXES = ("/admin/", "/moderation/")
ONE_DAY = 24 * 60 * 60


@require_safe
@cache_control(public=True, max_age=ONE_DAY)
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES),
             f"Sitemap: {request.build_absolute_uri(reverse('registry:sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=30 * ONE_DAY)
def favicon(request):
    """Browsers that ask for /favicon.ico get the SVG icon. The target is its unhashed static URL, which
    every deploy keeps (a hashed one disappears with the next icon), so the redirect may be cached for long."""
    return HttpResponsePermanentRedirect(PrefixNode.handle_simple("STATIC_URL") + "favicon.svg")


@require_safe
@cache_control(public=True, max_age=60 * 60)
def sitemap_index(request):
    """The sitemap index: one entry per page of each section (sitemaps hold at most 50,000 URLs each)."""
    return sitemaps.index(request, sitemaps=SITEMAPS, sitemap_url_name="registry:sitemap-section")


@require_safe
@cache_control(public=True, max_age=60 * 60)
def sitemap_section(request, section):
    return sitemaps.sitemap(request, sitemaps=SITEMAPS, section=section)
