"""Public pages for anonymous visitors: stored whole and revalidated on the catalog version that every write through
the services bumps, never shared with a signed-in visitor, and their renders throttled per client."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from registry.page_cache import public_page
from registry.volatile_cache import volatile_cache
from tests.factories import ProjectFactory, UserFactory
from tests.registry.test_admin_edits import change_url, post_change_form

pytestmark = pytest.mark.django_db

PAGES = ["/", "/projects/", "/projects/?kind=model_family&sort=name", "/projects/mistral/", "/grid/",
         "/compare/?projects=mistral,lucie", "/organisations/", "/countries/", "/languages/", "/methodology/",
         "/privacy/", "/feeds/projects.atom", "/feeds/changes.atom", "/projects/mistral/changes.atom",
         "/sitemap.xml", "/fr/", "/fr/projects/mistral/", "/fr/methodology/", "/fr/privacy/"]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def projects():
    return ProjectFactory(slug="mistral", name="Mistral"), ProjectFactory(slug="lucie", name="Lucie")


def queries(client, url, **headers) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    return response, len(context.captured_queries)


@pytest.mark.parametrize("url", PAGES)
def test_an_anonymous_page_is_served_again_reading_only_the_catalog_version(client, projects, url):
    first, _ = queries(client, url)
    again, count = queries(client, url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert count == 1


@pytest.mark.parametrize("url", PAGES)
def test_a_revalidation_with_the_etag_is_a_304_without_body(client, projects, url):
    response = client.get(url)
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=5"
    not_modified, count = queries(client, url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert count == 1


def test_an_admin_edit_shows_on_every_page_at_once(client, admin_user, django_capture_on_commit_callbacks, projects):
    mistral, _ = projects
    pages = ["/", "/projects/", "/projects/mistral/", "/grid/", "/compare/?projects=mistral,lucie"]
    etags = {url: client.get(url)["ETag"] for url in pages}

    moderator = client.__class__()
    moderator.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        post_change_form(moderator, change_url(mistral), name="Mistral Renamed")

    for url in pages:
        response = client.get(url, HTTP_IF_NONE_MATCH=etags[url])
        assert response.status_code == 200, url
        assert response["ETag"] != etags[url]
        assert url == "/" or "Mistral Renamed" in response.content.decode(), url


def test_the_api_reads_an_admin_edit_too(client, admin_user, django_capture_on_commit_callbacks, projects):
    mistral, _ = projects
    client.get("/api/v1/projects/mistral/")
    moderator = client.__class__()
    moderator.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        post_change_form(moderator, change_url(mistral), name="Mistral Renamed")
    assert client.get("/api/v1/projects/mistral/").json()["name"] == "Mistral Renamed"


def test_a_signed_in_visitor_never_gets_the_anonymous_copy_nor_leaves_one(client, projects):
    anonymous_page = client.get("/projects/mistral/").content.decode()
    member = client.__class__()
    member.force_login(UserFactory(username="ada"))

    personal = member.get("/projects/mistral/")
    assert personal.content.decode() != anonymous_page
    assert "Your submissions" in personal.content.decode()
    assert "private" in personal["Cache-Control"] and "ETag" not in personal
    assert "Your submissions" not in client.get("/projects/mistral/").content.decode()


def test_english_french_and_the_htmx_fragment_are_separate_copies(client, projects):
    english = client.get("/projects/")
    french = client.get("/fr/projects/")
    fragment = client.get("/projects/", HTTP_HX_REQUEST="true")
    assert len({english["ETag"], french["ETag"], fragment["ETag"]}) == 3
    assert client.get("/projects/").content == english.content
    assert client.get("/projects/", HTTP_HX_REQUEST="true").content == fragment.content
    assert b"<html" not in fragment.content and b"<html" in english.content
    assert {"Cookie", "HX-Request"} <= {name.strip() for name in english["Vary"].split(",")}


def test_only_canonical_query_strings_are_stored(client, projects):
    volatile_cache().clear()
    for url in ["/projects/?sort=name", "/projects/?utm_source=x", "/projects/?sort=name&sort=name",
                "/projects/?sort=", "/projects/?sort=name&kind=model_family"]:
        assert client.get(url).status_code == 200
    stored = [key for key in volatile_cache()._cache if "page:response:" in key]
    assert len(stored) == 1  # ?kind=…&sort=… is not in canonical order: answered, not stored


def test_a_page_that_hands_out_a_csrf_token_or_sets_a_cookie_is_not_stored():
    def form_page(request):
        return HttpResponse(f"<form>{get_token(request)}</form>")

    def cookie_page(request):
        response = HttpResponse("hello")
        response.set_cookie("seen", "1")
        return response

    volatile_cache().clear()
    for view in (form_page, cookie_page):
        request = RequestFactory().get("/somewhere/")
        request.user, request.LANGUAGE_CODE = AnonymousUser(), "en"
        response = public_page(view)(request)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"] and "ETag" not in response
    assert not [key for key in volatile_cache()._cache if "page:response:" in key]


def test_a_visitor_with_a_session_or_flash_messages_is_served_fresh(client, projects, settings):
    client.get("/projects/mistral/")
    for cookie in (settings.SESSION_COOKIE_NAME, "messages"):
        client.cookies[cookie] = "something"
        response, count = queries(client, "/projects/mistral/")
        assert response.status_code == 200 and count > 1
        assert "private" in response["Cache-Control"]
        del client.cookies[cookie]


def test_renders_are_throttled_per_client_but_stored_pages_are_not(client, projects, settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {**rates, "page-render": "2/minute"}}
    assert client.get("/projects/mistral/").status_code == 200
    assert client.get("/projects/lucie/").status_code == 200
    for _ in range(5):
        assert client.get("/projects/mistral/").status_code == 200  # stored: no render

    refused = client.get("/grid/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "Too many requests" in refused.content.decode()
    assert "no-store" in refused["Cache-Control"]
    other_client = client.get("/grid/", REMOTE_ADDR="192.0.2.7")
    assert other_client.status_code == 200


@pytest.mark.parametrize("url", ["/projects/mistral/", "/api/v1/projects/mistral/", "/badges/mistral.svg"])
def test_a_new_release_serves_nothing_an_older_one_cached_or_tagged(client, projects, monkeypatch, url):
    """Templates, code or translations change with a deploy while the catalog does not: the version names both."""
    from registry.services import catalog_version

    before = client.get(url)
    monkeypatch.setattr(catalog_version, "code_version", lambda: "the-next-release")

    after, count = queries(client, url)
    revalidated = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])

    assert after["ETag"] != before["ETag"] and count > 1  # rendered again, not read from the cache
    assert revalidated.status_code == 200


def test_the_code_version_follows_the_files_that_make_responses(settings, tmp_path):
    from registry import code_version as module

    for folder in module.FOLDERS:
        (tmp_path / folder).mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>one</p>")
    settings.BASE_DIR = tmp_path
    module.code_version.cache_clear()
    first = module.code_version()
    (tmp_path / "templates" / "page.html").write_text("<p>two</p>")
    module.code_version.cache_clear()
    try:
        assert module.code_version() != first
    finally:
        module.code_version.cache_clear()
