"""A crawler walks the seeded site from the home page and expects every internal link to answer without an error.

Breadth-first from "/" (and /robots.txt and /sitemap.xml, which no page links to), with Django's test client, each
URL (path and query, fragment dropped) visited once: links from ``<a>`` and ``<link>`` hrefs and ``<script>``/``<img>``
srcs of HTML pages, and from the sitemap's ``<loc>`` and the Atom feeds' ``<link>``, that start with "/" or the test
host. The seeded site is small enough (about 560 URLs in a few seconds on SQLite) to visit every URL, not a sample.
It skips /admin/, /accounts/logout/ (a visit would end the session it tests nothing with) and non-HTTP schemes;
static files are checked against the static-file finders (what whitenoise serves once collected) rather than
fetched, as the test settings do not collect them. Redirects are followed as links of the page that redirected.

The crawl covers both languages: it starts at the English home page and the French one (/fr/), and every page's
language switcher links it to the other language's version.
"""

import time
from collections import deque
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, HttpResponseNotFound

from registry.services.openness import recompute_all_openness

TEST_HOST = "testserver"
SKIPPED_PREFIXES = ("/admin/", "/accounts/logout/")
START_URLS = ("/", "/fr/", "/robots.txt", "/sitemap.xml")
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src"}
PARSED_TYPES = ("text/html", "application/xml", "application/atom+xml")


class _LinkCollector(HTMLParser):
    """Collects the link-like attribute values of a page (and a sitemap's ``<loc>`` texts), in document order."""

    def __init__(self):
        super().__init__()
        self.links = []
        self._in_loc = False

    def handle_starttag(self, tag, attrs):
        self._in_loc = tag == "loc"
        wanted = LINK_ATTRIBUTES.get(tag)
        value = dict(attrs).get(wanted) if wanted else None
        if value:
            self.links.append(value)

    def handle_endtag(self, tag):
        self._in_loc = False

    def handle_data(self, data):
        if self._in_loc and data.strip():
            self.links.append(data)


def _internal_path(link: str) -> str | None:
    """The link as a path with its query (no fragment), or None when it leaves the site or is skipped."""
    link, _fragment = urldefrag(link.strip())
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or parts.netloc != TEST_HOST:
            return None
        link = parts.path + (f"?{parts.query}" if parts.query else "")
    if not link.startswith("/") or link.startswith("//") or link.startswith(SKIPPED_PREFIXES):
        return None
    return link


def _links_on(response) -> list[str]:
    if response.status_code in (301, 302, 303, 307, 308):
        return [response["Location"]]
    if not response.get("Content-Type", "").startswith(PARSED_TYPES):
        return []
    collector = _LinkCollector()
    collector.feed(response.content.decode(response.charset or "utf-8"))
    return collector.links


def _static_file_exists(path: str) -> bool:
    name = urlsplit(path).path.removeprefix("/" + settings.STATIC_URL.strip("/") + "/")
    return finders.find(name) is not None


def crawl(client, starts=START_URLS) -> tuple[list[str], list[str]]:
    """Visit every internal URL reachable from ``starts``; returns (visited URLs, broken-link reports)."""
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    queue, seen, visited, broken = deque((start, "(start)") for start in starts), set(starts), [], []
    while queue:
        url, found_on = queue.popleft()
        visited.append(url)
        if url.startswith(static_prefix):
            if not _static_file_exists(url):
                broken.append(f"{url} (missing static file) linked from {found_on}")
            continue
        response = client.get(url)
        if response.status_code >= 400:
            broken.append(f"{url} answered {response.status_code}, linked from {found_on}")
            continue
        for link in _links_on(response):
            target = _internal_path(link)
            if target is not None and target not in seen:
                seen.add(target)
                queue.append((target, url))
    return visited, broken


@pytest.fixture
def seeded_site(seeded_catalog):
    recompute_all_openness()


def test_every_internal_link_of_the_seeded_site_answers_without_an_error(client, seeded_site):
    started = time.monotonic()
    visited, broken = crawl(client)
    elapsed = time.monotonic() - started

    print(f"crawled {len(visited)} URLs in {elapsed:.1f} s")
    french = [url for url in visited if url.startswith("/fr/")]
    assert len(visited) - len(french) > 100, f"the crawl saw only {len(visited)} URLs: {visited}"
    assert len(french) > 100, f"the crawl saw only {len(french)} French URLs: {french}"
    assert broken == [], f"{len(broken)} broken link(s) of {len(visited)} URLs:\n" + "\n".join(broken)


def test_the_crawler_reports_a_broken_link_with_the_page_it_was_found_on():
    pages = {
        "/": HttpResponse('<a href="/ok/#part">ok</a> <a href="http://testserver/gone/">gone</a>'
                          '<a href="https://example.org/">out</a> <a href="/admin/">admin</a>'
                          '<script src="/static/no-such-file.js"></script>'),
        "/ok/": HttpResponse('<a href="/">home</a>'),
    }
    client = SimpleNamespace(get=lambda url: pages.get(url, HttpResponseNotFound()))

    visited, broken = crawl(client, starts=("/",))

    assert visited == ["/", "/ok/", "/gone/", "/static/no-such-file.js"]
    assert broken == ["/gone/ answered 404, linked from /",
                      "/static/no-such-file.js (missing static file) linked from /"]
