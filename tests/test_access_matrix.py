"""Who reaches what: every URL pattern of the project, asked by anonymous visitors, a contributor, a moderator and
staff, answers as its access class says (issue 9, point 9).

Each pattern is classified by the first rule of RULES that matches its route. A pattern no rule matches fails
`test_every_url_pattern_has_an_access_class`: nobody adds a page without deciding who may see it.
"""

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from registry.accounts import MODERATOR_GROUP
from registry.models import HubRepo, Organisation, Project
from tests.factories import UserFactory
from tests.url_patterns import Route, all_routes, resolves_to

pytestmark = pytest.mark.django_db

PUBLIC = "public"  # 200 for everyone
REDIRECT = "public redirect"  # the same redirect for everyone (favicon.ico)
LOGIN_PAGE = "login page"  # open to everyone, never a crash
ADMIN = "admin"  # staff only: others are sent to the admin's log-in
STAFF = "staff"  # moderators and staff only: others are sent to a log-in or refused
LOGIN_REQUIRED = "login required"  # anonymous visitors are sent to the log-in; signed-in people get in
OWN_SUBMISSION = "own submission"  # its sender and moderators; a 404 for anyone else
SENDER_ONLY = "sender only"  # its sender alone (moderators included, anyone else gets a 404); anonymous: log in
STAFF_ACTION = "staff action"  # moderators' POST-only actions: a GET is 405 for them, others are refused
REPRESENTATIVE = "representative"  # verified representatives only: anonymous visitors log in, others get a 403
API_READ = "api read"  # GET 200 for everyone, no write accepted
API_WRITE = "api write"  # credentials required: 401/403 without them
API_NOT_FOUND = "api not found"  # the API's JSON 404

# First match wins; routes as Django prints them (`ResolverMatch.route`).
RULES = [
    (r"admin/(login|logout)/$", LOGIN_PAGE),
    (r"admin/", ADMIN),
    (r"moderation/(representatives|replies)/", STAFF_ACTION),
    (r"moderation/", STAFF),
    (r"api/\^\[\\s\\S\]\*/\$$", API_NOT_FOUND),
    (r"api/v1/(submissions/|token/|projects/<slug:slug>/corrections/)", API_WRITE),
    (r"api/v1/", API_READ),
    # django-allauth: the ways into an account are open; what changes an account needs one.
    (r"accounts/(login|signup|inactive|confirm-email|\^confirm-email|password/reset|\^password/reset)", LOGIN_PAGE),
    (r"accounts/(login/code|reauthenticate|logout)", LOGIN_PAGE),
    (r"accounts/", LOGIN_REQUIRED),
    (r"submit/$", LOGIN_REQUIRED),
    (r"account/submissions/<int:pk>/$", OWN_SUBMISSION),
    (r"account/submissions/<int:pk>/resubmit/$", SENDER_ONLY),
    (r"projects/<slug:slug>/correct/$", LOGIN_REQUIRED),
    (r"projects/<slug:slug>/reply/$", REPRESENTATIVE),
    (r"organisations/<slug:slug>/represent/$", LOGIN_REQUIRED),
    (r"account/", LOGIN_REQUIRED),
    (r"projects/<slug:slug>/report/$", PUBLIC),  # anonymous problem reports are welcome (throttled)
    (r"favicon\.ico$", REDIRECT),
    (r"($|healthz$|methodology/$|privacy/$|grid/$|compare/$|status/$|robots\.txt$|sitemap\.xml$|sitemap-<slug:section>\.xml$)", PUBLIC),
    (r"(projects|organisations|countries|languages|\^countries|\^languages)/", PUBLIC),
    (r"(badges/|\^badges/)", PUBLIC),
    (r"feeds/", PUBLIC),
]

# Query strings a page needs to answer 200 (compare wants two projects).
QUERIES = {"compare/": "?projects={project},{other_project}"}
# Patterns whose route is a regex Django cannot fill in.
SAMPLE_PATHS = {r"api/^[\s\S]*/$": "/api/nowhere/"}

ROLES = ["anonymous", "contributor", "moderator", "staff"]


def access_class(route: Route) -> str | None:
    return next((kind for pattern, kind in RULES if re.match(pattern, route.route)), None)


@dataclass
class Catalog:
    project: Project
    other_project: Project
    organisation: Organisation
    hub_repo: HubRepo
    submission_pk: int

    def values(self, route: Route) -> dict[str, str]:
        slug = self.organisation.slug if route.route.startswith("organisations/") else self.project.slug
        code = "fr" if "languages/" in route.route else self.organisation.country or "FR"
        return {
            "slug": slug, "repo_type": self.hub_repo.repo_type, "repo_id": self.hub_repo.repo_id,
            "pk": str(self.submission_pk), "code": code, "leg": "model",
            "object_id": "1", "content_type_id": "1", "app_label": "registry", "url": "nowhere/",
            "key": "not-a-key", "uidb36": "1", "id": "1", "section": "projects",
        }

    def path(self, route: Route) -> str:
        path = SAMPLE_PATHS.get(route.route) or route.path(self.values(route))
        query = QUERIES.get(route.route, "")
        return path + query.format(project=self.project.slug, other_project=self.other_project.slug)


@pytest.fixture
def catalog(seeded_catalog, contributor, settings) -> Catalog:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        name: None for name in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]}}
    projects = Project.objects.exclude(status=Project.Status.HIDDEN).filter(hub_repos__isnull=False).distinct()
    project, other_project = projects.order_by("slug")[:2]
    organisation = project.organisations.first()
    return Catalog(project=project, other_project=other_project, organisation=organisation,
                   hub_repo=project.hub_repos.first(), submission_pk=_submission_of(contributor, project))


def _submission_of(user, project) -> int:
    from registry.models import Submission  # being built alongside; the matrix covers it once it exists

    return Submission.objects.create(kind=Submission.Kind.PROBLEM_REPORT, submitter=user, project=project,
                                     raw_data={"details": "typo"}, data={"details": "typo"}).pk


@pytest.fixture
def contributor():
    return UserFactory(username="contributor", is_staff=False, is_superuser=False)


def client_for(role: str, contributor) -> Client:
    client = Client(raise_request_exception=False)
    if role == "contributor":
        client.force_login(contributor)
    elif role == "moderator":
        group = Group.objects.filter(name=MODERATOR_GROUP).first()
        if group is None:
            pytest.skip(f"no {MODERATOR_GROUP!r} group in this database")
        # Moderators work in the admin, so they are staff; the group gives them their permissions.
        moderator = UserFactory(username="moderator", is_staff=True, is_superuser=False)
        moderator.groups.add(group)
        client.force_login(moderator)
    elif role == "staff":
        client.force_login(UserFactory(username="staff", is_staff=True, is_superuser=True))
    return client


def test_every_url_pattern_has_an_access_class():
    unclassified = [f"{route.route} ({route.name or 'unnamed'})" for route in all_routes() if not access_class(route)]
    assert not unclassified, (
        "These URL patterns have no access class in tests/test_access_matrix.py RULES; decide who may see "
        "them and add a rule:\n  " + "\n  ".join(unclassified))


def test_every_sample_path_reaches_its_own_pattern(catalog):
    wrong = [(route.route, catalog.path(route)) for route in all_routes()
             if not resolves_to(catalog.path(route).split("?")[0], route)]
    assert not wrong, f"sample paths resolve elsewhere: {wrong}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_what_it_should(role, catalog, contributor):
    client = client_for(role, contributor)
    failures = []
    for route in all_routes():
        kind, path = access_class(route), catalog.path(route)
        if kind is None:
            continue  # test_every_url_pattern_has_an_access_class names it
        response = client.get(path)
        problem = EXPECTATIONS[kind](role, response)
        if problem:
            failures.append(f"{kind:>15} GET {path}: {problem}")
        if kind in (API_READ, API_WRITE, API_NOT_FOUND) and role == "anonymous":
            failures += api_write_problems(path, kind)
    assert not failures, f"{role}:\n  " + "\n  ".join(failures)


def api_write_problems(path: str, kind: str) -> list[str]:
    """Without credentials nothing is written: every write method is refused (401/403, or 405 where the
    resource is read-only), and a made-up token is a 401."""
    problems = []
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    for method in ("post", "put", "patch", "delete"):
        allowed = (401, 403) if kind == API_WRITE else (401, 403, 404, 405)
        status = getattr(client, method)(path, data="{}", content_type="application/json").status_code
        if status not in allowed:
            problems.append(f"{method.upper()} {path} without credentials: {status}, expected one of {allowed}")
    status = client.post(path, data="{}", content_type="application/json",
                         HTTP_AUTHORIZATION="Token not-a-real-token").status_code
    if kind == API_WRITE and status != 401:
        problems.append(f"POST {path} with an unknown token: {status}, expected 401")
    return problems


# --- What each access class expects, per role: None when the response is right, else why not -----------------

def _status(response, *allowed) -> str | None:
    return None if response.status_code in allowed else f"{response.status_code}, expected one of {allowed}"


def _sent_to_login(response, login_prefix: str) -> str | None:
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(login_prefix):
        return None
    return f"{response.status_code} {location!r}, expected a redirect to {login_prefix}"


def _signed_in(role: str) -> bool:
    return role != "anonymous"


def _is_staff(role: str) -> bool:
    return role in ("moderator", "staff")


def expect_public(role, response):
    return _status(response, 200)


def expect_redirect(role, response):
    return _status(response, 301, 302)


def expect_login_page(role, response):
    # 200 (a form), 302 (already signed in, or nothing pending) or 405 (a POST-only action): never a crash.
    return _status(response, 200, 302, 405)


def expect_admin(role, response):
    if not _is_staff(role):
        return _sent_to_login(response, "/admin/login/")
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return "staff sent to the log-in"
    # Missing objects redirect or 404; a moderator lacks some permissions (403); logout is POST only (405).
    return _status(response, 200, 302, 403, 404, 405)


def expect_staff(role, response):
    if _is_staff(role):
        return _status(response, 200)
    if response.status_code == 302 and not response["Location"].startswith(("/admin/login/", "/accounts/login/")):
        return f"302 to {response['Location']!r}, expected a log-in page"
    return _status(response, 302, 403)


def expect_staff_action(role, response):
    return _status(response, 405) if _is_staff(role) else expect_staff(role, response)


def expect_representative(role, response):
    # Nobody in this matrix represents an organisation.
    return _status(response, 403) if _signed_in(role) else _sent_to_login(response, "/accounts/login/")


def expect_login_required(role, response):
    if not _signed_in(role):
        return _sent_to_login(response, "/accounts/login/")
    if response.status_code == 302 and "/login/" in response["Location"]:
        return "signed-in user sent to a log-in"
    return _status(response, 200, 302)


def expect_own_submission(role, response):
    # The contributor sent it; moderators and staff moderate submissions.
    return _status(response, 200) if _signed_in(role) else _status(response, 302, 404)


def expect_sender_only(role, response):
    # Only its sender resubmits (a redirect to it while it does not wait for changes).
    if role == "contributor":
        return _status(response, 200, 302)
    return _status(response, 404) if _signed_in(role) else _status(response, 302)


def expect_api_read(role, response):
    return _status(response, 200)


def expect_api_write(role, response):
    return _status(response, 401, 403) if not _signed_in(role) else _status(response, 405)


def expect_api_not_found(role, response):
    return _status(response, 404) or (None if response["Content-Type"] == "application/json" else "not JSON")


EXPECTATIONS = {
    PUBLIC: expect_public, REDIRECT: expect_redirect, LOGIN_PAGE: expect_login_page, ADMIN: expect_admin,
    STAFF: expect_staff, LOGIN_REQUIRED: expect_login_required, OWN_SUBMISSION: expect_own_submission,
    SENDER_ONLY: expect_sender_only, STAFF_ACTION: expect_staff_action, REPRESENTATIVE: expect_representative,
    API_READ: expect_api_read, API_WRITE: expect_api_write, API_NOT_FOUND: expect_api_not_found,
}


def test_another_contributor_cannot_see_someone_else_s_submission(catalog):
    client = Client()
    client.force_login(UserFactory(username="someone-else", is_staff=False, is_superuser=False))
    assert client.get(f"/account/submissions/{catalog.submission_pk}/").status_code == 404
