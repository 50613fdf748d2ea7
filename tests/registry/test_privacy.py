"""The privacy page says what is stored about contributors and visitors, and every page links to it."""

import pytest
from django.test import Client

from tests.factories import HubRepoFactory, OrganisationFactory, ProjectFactory, UserFactory
from tests.url_patterns import all_routes

pytestmark = pytest.mark.django_db
PRIVACY_LINK = 'href="/privacy/"'


def test_the_privacy_page_says_what_is_stored_who_sees_it_and_how_to_have_it_deleted(client, settings):
    response = client.get("/privacy/")

    assert response.status_code == 200
    assert response.templates[0].name == "registry/privacy.html"
    page = response.content.decode()
    for statement in ("e-mail address", "salted hash", "keyed hash", "IP address", "Server logs", "How long",
                      "Moderators", f"mailto:{settings.DEFAULT_FROM_EMAIL}", "personal contact data was removed"):
        assert statement in page, statement


def site_pages() -> list[str]:
    """Every HTML page of the site: each pattern without parameters (the admin and the API have their own
    layouts), and the pages of one project and one organisation."""
    pages = [route.path({}) for route in all_routes()
             if not route.parameters and not route.route.startswith(("admin/", "api/")) and "[" not in route.route]
    return pages + ["/projects/lucie/", "/organisations/openllm-france/", "/compare/?projects=lucie,claire"]


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "contributor"])
def test_every_html_page_links_to_the_privacy_page(signed_in):
    organisation = OrganisationFactory(slug="openllm-france")
    HubRepoFactory(project=ProjectFactory(slug="lucie", organisations=[organisation]))
    ProjectFactory(slug="claire", organisations=[organisation])
    client = Client(raise_request_exception=False)
    if signed_in:
        client.force_login(UserFactory(is_staff=False, is_superuser=False))
    html_pages = 0
    for page in site_pages():
        response = client.get(page)
        # Redirects, and the bare 403/404 pages, have no layout; pages and their 400 forms do.
        if response.status_code not in (200, 400) or not response.get("Content-Type", "").startswith("text/html"):
            continue
        html_pages += 1
        assert PRIVACY_LINK in response.content.decode(), f"{page} ({response.status_code}) has no privacy link"
    assert html_pages > 10
