"""The server fetches nothing but the Hub, through registry/hub, at HF_ENDPOINT (issue 9, point 10).

Every socket the process opens is recorded: rendering every page, loading the seed, recomputing and syncing
connect to nothing but the fake Hub (and, on the Postgres/Redis set-up, Redis). URLs that contributors type
(website, code repository, paper, evidence, submissions) point at a local HTTP server that must hear nothing.
"""

import socket
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from registry.models import CodeRepository, HubNamespace, Project, Submission
from tests.factories import EvidenceFactory, HubRepoFactory, OrganisationFactory, ProjectFactory, UserFactory
from tests.url_patterns import all_routes

pytestmark = pytest.mark.django_db


class Connections:
    """The (host, port) of every outbound connection attempted; any not in `allowed` is refused."""

    def __init__(self, allowed: set[tuple[str, int]]):
        self.allowed = allowed
        self.attempted: list[tuple[str, int]] = []

    def install(self, monkeypatch):
        original_connect, original_connect_ex = socket.socket.connect, socket.socket.connect_ex

        def connect(sock, address):
            self.check(address)
            return original_connect(sock, address)

        def connect_ex(sock, address):
            self.check(address)
            return original_connect_ex(sock, address)

        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)

    def check(self, address):
        if not isinstance(address, tuple):
            return  # a Unix socket (a local database or Redis): not the network
        target = (address[0], address[1])
        self.attempted.append(target)
        if target not in self.allowed:
            raise ConnectionRefusedError(f"test_no_ssrf: the app tried to connect to {target}")

    def outside(self, allowed: set[tuple[str, int]]) -> list[tuple[str, int]]:
        return sorted({target for target in self.attempted if target not in allowed})


def addresses(url: str) -> set[tuple[str, int]]:
    """Every (address, port) that `url`'s host resolves to."""
    parts = urlsplit(url)
    port = parts.port or {"https": 443, "http": 80, "redis": 6379, "rediss": 6379}.get(parts.scheme, 0)
    return {(info[4][0], info[4][1]) for info in socket.getaddrinfo(parts.hostname, port)}


def infrastructure(settings) -> set[tuple[str, int]]:
    """Redis (cache and broker) when configured: the app's own services, not the web."""
    urls = [cache.get("LOCATION") for cache in settings.CACHES.values()] + [settings.CELERY_BROKER_URL]
    return {target for url in urls if isinstance(url, str) and url.startswith("redis")
            for target in addresses(url)}


@pytest.fixture
def connections(settings, monkeypatch):
    """Outbound connections during the test; only infrastructure is allowed until a test adds the Hub."""
    recorder = Connections(infrastructure(settings))
    recorder.install(monkeypatch)
    return recorder


@pytest.fixture
def contributor_server(httpserver):
    """A local web server standing for every URL a contributor may type; it must never be asked anything."""
    httpserver.expect_request("/").respond_with_data("fetched!")
    return httpserver


def contributor_urls(project: Project, server) -> None:
    """Every URL field a contributor or moderator fills, pointing at `server`."""
    url = server.url_for
    Project.objects.filter(pk=project.pk).update(website=url("/website"), code_url=url("/code"),
                                                 paper_url=url("/paper"))
    project.organisations.update(website=url("/organisation"))
    CodeRepository.objects.create(project=project, url=url("/repository"), covers="pre-training",
                                  source_url=url("/repository-source"))
    EvidenceFactory(project=project, url=url("/evidence"))
    Submission.objects.create(kind=Submission.Kind.NEW_PROJECT, submitter=UserFactory(username="contributor"),
                              raw_data={"website": url("/submitted"), "code_url": url("/submitted-code")},
                              data={"name": "Proposed", "website": url("/submitted"),
                                    "code_url": url("/submitted-code")})


def every_page(project: Project) -> list[str]:
    """A path for every URL pattern without parameters, and the pages of one project and its organisation."""
    organisation = project.organisations.first()
    submission = Submission.objects.first()
    pages = [route.path({}) for route in all_routes() if not route.parameters and "[" not in route.route]
    return pages + [f"/projects/{project.slug}/", f"/projects/{project.slug}/changes.atom",
                    f"/badges/{project.slug}.svg", f"/api/v1/projects/{project.slug}/",
                    "/api/v1/projects/?format=csv", f"/organisations/{organisation.slug}/",
                    f"/admin/registry/project/{project.pk}/change/",
                    f"/admin/registry/submission/{submission.pk}/change/" if submission else "/admin/",
                    f"/account/submissions/{submission.pk}/" if submission else "/"]


def visit(pages: list[str]) -> None:
    staff = UserFactory(username="staff")
    for client in (Client(raise_request_exception=False), Client(raise_request_exception=False)):
        for page in pages:
            assert client.get(page).status_code < 500, page
        client.force_login(staff)


def test_rendering_every_page_opens_no_connection_and_fetches_no_contributor_url(
        connections, contributor_server, settings):
    organisation = OrganisationFactory(slug="openllm-france")
    project = ProjectFactory(slug="lucie", organisations=[organisation])
    HubRepoFactory(project=project, repo_id="OpenLLM-France/Lucie-7B")
    contributor_urls(project, contributor_server)

    visit(every_page(project))

    assert connections.outside(infrastructure(settings)) == []
    assert contributor_server.log == []


def test_loading_recomputing_and_syncing_connect_only_to_hf_endpoint(
        connections, contributor_server, fake_hub, settings, monkeypatch, tmp_path):
    settings.HF_ENDPOINT = fake_hub.url
    settings.HUB_RATE_LIMIT_CALLS = 1_000_000
    hub = addresses(fake_hub.url)
    connections.allowed |= hub
    monkeypatch.setattr("time.sleep", lambda seconds: None)

    call_command("load_catalog")
    project = Project.objects.filter(organisations__isnull=False).first()
    contributor_urls(project, contributor_server)
    call_command("recompute_openness")
    HubNamespace.objects.update_or_create(name="OpenLLM-France", defaults={"tracked": True})
    call_command("sync_hub", "--namespace", "OpenLLM-France")
    visit(every_page(project))

    # The recorder saw the Hub's connections: it would see any other.
    assert set(connections.attempted) & hub, "no connection to the fake Hub recorded: this test proves nothing"
    assert connections.outside(infrastructure(settings) | hub) == []
    assert contributor_server.log == []


def test_moderators_pages_fetch_no_contributor_url_either(connections, contributor_server, settings):
    group = Group.objects.filter(name="moderator").first()
    moderator = UserFactory(username="moderator", is_superuser=False)
    if group:
        moderator.groups.add(group)
    project = ProjectFactory(slug="lucie", organisations=[OrganisationFactory()])
    contributor_urls(project, contributor_server)
    client = Client(raise_request_exception=False)
    client.force_login(moderator)
    for page in ("/moderation/review/", "/admin/registry/submission/", "/admin/registry/coderepository/",
                 "/admin/registry/evidence/", f"/admin/registry/project/{project.pk}/change/"):
        assert client.get(page).status_code < 500, page

    assert connections.outside(infrastructure(settings)) == []
    assert contributor_server.log == []
