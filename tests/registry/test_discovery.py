"""How the site is found, shared and followed: sitemap, robots.txt, favicon, OpenGraph meta, feed links,
and the pages for a missing page and for a crash."""

from xml.etree import ElementTree

import pytest
from django.http import HttpResponse
from django.urls import path
from django.utils.html import escape

import config.urls
from registry.models import Project
from tests.factories import ProjectFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def crash(request):
    raise RuntimeError("boom")


def no_database(request):
    return HttpResponse("ok")


# This module is also the URLconf of the crash test: the real site plus a view that raises.
urlpatterns = [path("crash/", crash), *config.urls.urlpatterns]
handler500 = config.urls.handler500


def og(html: str, prop: str) -> str | None:
    """The content of a `<meta property=…>` in the page (the page is HTML, not XML: search the text)."""
    marker = f'<meta property="{prop}" content="'
    if marker not in html:
        return None
    return html.split(marker, 1)[1].split('"', 1)[0]


def sitemap_sections(client) -> list[ElementTree.Element]:
    """Each sitemap the index at /sitemap.xml lists (fetched by its absolute URL's path), parsed."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    urls = [loc.text for loc in ElementTree.fromstring(index.content).iter(f"{SITEMAP}loc")]
    assert urls and all(url.startswith("http://testserver/sitemap-") for url in urls)
    responses = [client.get(url.removeprefix("http://testserver")) for url in urls]
    assert all(response.status_code == 200 for response in responses)
    return [ElementTree.fromstring(response.content) for response in responses]


@pytest.mark.django_db
def test_a_section_of_the_sitemap_is_paged_and_the_index_lists_every_page(client, monkeypatch):
    monkeypatch.setattr("registry.sitemaps.ProjectSitemap.limit", 4)
    ProjectFactory.create_batch(3)  # six URLs: each project in English and French

    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    urls = [loc.text for loc in index.iter(f"{SITEMAP}loc")]

    assert "http://testserver/sitemap-projects.xml" in urls and "http://testserver/sitemap-projects.xml?p=2" in urls
    second = ElementTree.fromstring(client.get("/sitemap-projects.xml?p=2").content)
    assert len(list(second.iter(f"{SITEMAP}url"))) == 2


@pytest.mark.django_db
def test_the_sitemap_lists_the_pages_and_every_visible_project_with_absolute_urls(client):
    lucie = ProjectFactory(slug="lucie")
    ProjectFactory(slug="secret", status=Project.Status.HIDDEN)

    locations = [loc.text for section in sitemap_sections(client) for loc in section.iter(f"{SITEMAP}loc")]
    assert f"http://testserver{lucie.get_absolute_url()}" in locations
    assert {"http://testserver/", "http://testserver/grid/", "http://testserver/methodology/"} <= set(locations)
    assert not any("secret" in location for location in locations)


@pytest.mark.django_db
def test_the_sitemap_leaves_out_pages_whose_url_name_does_not_exist(client):
    from registry.sitemaps import existing_names

    assert existing_names(["registry:home", "registry:no-such-page", "registry:grid"]) == ["registry:home",
                                                                                          "registry:grid"]


@pytest.mark.django_db
def test_the_sitemap_lists_each_page_in_english_and_french_with_its_alternates(client):
    ProjectFactory(slug="lucie")

    sections = sitemap_sections(client)

    locations = [loc.text for section in sections for loc in section.iter(f"{SITEMAP}loc")]
    assert {"http://testserver/projects/lucie/", "http://testserver/fr/projects/lucie/",
            "http://testserver/grid/", "http://testserver/fr/grid/"} <= set(locations)
    entry = next(url for section in sections for url in section.iter(f"{SITEMAP}url")
                 if url.find(f"{SITEMAP}loc").text == "http://testserver/fr/projects/lucie/")
    alternates = {link.get("hreflang"): link.get("href") for link in entry.iter("{http://www.w3.org/1999/xhtml}link")}
    assert alternates == {"en": "http://testserver/projects/lucie/", "fr": "http://testserver/fr/projects/lucie/",
                          "x-default": "http://testserver/projects/lucie/"}


@pytest.mark.django_db
def test_the_sitemaps_queries_do_not_grow_with_the_projects(client, django_assert_max_num_queries):
    ProjectFactory.create_batch(2)
    with django_assert_max_num_queries(3) as few:
        client.get("/sitemap-projects.xml")
    ProjectFactory.create_batch(5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/sitemap-projects.xml")


def test_robots_txt_allows_all_but_the_admin_and_moderation_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *", "Allow: /", "Disallow: /admin/", "Disallow: /moderation/",
        "Sitemap: http://testserver/sitemap.xml"]


def test_favicon_ico_redirects_to_the_svg_icon_for_long(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
    assert "max-age=2592000" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_project_page_is_shared_with_its_title_summary_and_absolute_preview_image(client, settings):
    settings.ALLOWED_HOSTS = ["registry.example.org"]
    project = ProjectFactory(name="Lucie", slug="lucie", summary='French "open" LLM.')

    html = client.get(project.get_absolute_url(), headers={"host": "registry.example.org"}).content.decode()

    assert og(html, "og:image") == "http://registry.example.org/projects/lucie/preview.png"
    assert (og(html, "og:image:type"), og(html, "og:image:width"), og(html, "og:image:height")) == (
        "image/png", "1200", "630")
    assert og(html, "og:title") == "Lucie — European Open LLM Registry"
    assert og(html, "og:description") == escape('French "open" LLM.')
    assert og(html, "og:url") == "http://registry.example.org/projects/lucie/"
    assert '<meta name="twitter:image" content="http://registry.example.org/projects/lucie/preview.png">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert 'href="/projects/lucie/changes.atom"' in html


@pytest.mark.django_db
def test_other_pages_have_their_own_title_no_image_and_the_catalog_feeds(client):
    html = client.get("/methodology/").content.decode()

    assert og(html, "og:title") == "How the registry rates openness — European Open LLM Registry"
    assert og(html, "og:image") is None
    assert '<link rel="alternate" type="application/atom+xml" title="New projects" href="/feeds/projects.atom">' in html
    assert 'title="Openness changes" href="/feeds/changes.atom"' in html


@pytest.mark.django_db
def test_the_navigation_links_the_grid_methodology_api_docs_and_status(client):
    html = client.get("/methodology/").content.decode()
    nav = html.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]

    for href in ('href="/grid/"', 'href="/methodology/"', 'href="/api/v1/docs/"', 'href="/status/"'):
        assert href in nav


@pytest.mark.django_db
def test_a_missing_page_is_a_helpful_404_that_does_not_echo_the_address(client, settings):
    settings.DEBUG = False

    response = client.get("/no-such-page/<script>alert(1)</script>/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1 id=\"error-title\">Page not found</h1>" in html
    assert 'href="/grid/"' in html and 'href="/methodology/"' in html
    assert "<script>" not in html and "alert(1)" not in html


@pytest.mark.django_db
def test_a_missing_api_resource_is_still_json(client, settings):
    settings.DEBUG = False

    response = client.get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.urls(__name__)
def test_a_crash_renders_the_500_page_without_the_database(client, settings):
    # No django_db mark: any query would fail the test.
    settings.DEBUG = False
    client.raise_request_exception = False

    response = client.get("/crash/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert 'href="/static/css/site.css"' in html
