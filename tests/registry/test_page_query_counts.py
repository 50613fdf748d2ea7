"""No page's number of queries grows with the rows it shows: each page is rendered over a small site, then
over one several times larger, and must read the database exactly as many times. Every page of the site is
listed here (a test checks that none is missing), in English and, for the public ones, in French."""

from datetime import date
from itertools import count
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.utils import timezone

from registry import urls as registry_urls
from registry.forms.corrections import CorrectionForm, structured_correction
from registry.forms.submissions import ProjectSubmissionForm, structured
from registry.models import ChangeRecord, CodeCoverage, CodeRepository, DownloadCount, HubRepo, Project, Submission
from registry.services.moderation import request_changes
from registry.services.right_of_reply import approve_representation, publish_reply, request_representation
from registry.services.submissions import report_problem, submit_project, suggest_correction
from tests.factories import (
    ChangeRecordFactory,
    DatasetRepoFactory,
    EvidenceFactory,
    HubRepoFactory,
    IndexAssessmentFactory,
    OrganisationFactory,
    ProjectFactory,
    SyncRunFactory,
    UserFactory,
    recompute,
    synced,
)
from tests.submissions_fixtures import (  # noqa: F401  (fixtures)
    LUCIE,
    contribution_settings,
    make_contributor,
    moderator,
    valid_project,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 6
_serial = count()


def add_to_the_moderation_queue(size: int, on_commit) -> None:
    """`size` of every kind of thing a moderator sees, each shaped as the site's forms and the syncs make it:
    proposals (one naming a known Hub repo, with similar names), corrections (fields, organisations, a Hub repo
    of another project, code and evidence), problem reports, claims to represent an organisation, and projects,
    repositories and leg changes flagged by the last sync."""
    last_run = SyncRunFactory()
    for _ in range(size):
        n = next(_serial)
        contributor = make_contributor(f"contributor-{n}@example.org")
        organisation = OrganisationFactory()
        project = ProjectFactory(name=f"Queued {n}", organisations=[organisation], countries=["FR"], languages=["fr"])
        HubRepoFactory(project=project, repo_id=f"lab-{n}/model")
        flagged = ProjectFactory(needs_review=True, review_reason="The Hub licence contradicts the override.")
        HubRepoFactory(project=flagged, repo_id=f"elsewhere-{n}/model")
        with on_commit(execute=True):  # runs the Hub check on the fake Hub, as the worker would
            _propose(contributor, n)
            _correct(contributor, project, n)
        report_problem(project=project, submitter=None, raw_data={"summary": "Wrong licence"},
                       data={"summary": "Wrong licence"})
        request_representation(user=contributor, organisation=organisation, justification="I work there.")
        HubRepoFactory(sync_status=HubRepo.SyncStatus.ERROR, last_error="Hub answered 500", last_error_at=timezone.now())
        ChangeRecord.objects.create(project=project, field="leg:model", old_value="open", new_value="partial",
                                    sync_run=last_run)


def _propose(contributor, n: int) -> None:
    typed = valid_project(name=f"Queued {n} bis", hub_repo_ids=f"{LUCIE}\r\nlab-{n}/model")
    form = ProjectSubmissionForm(data=typed)
    assert form.is_valid(), form.errors
    submit_project(submitter=contributor, raw_data=typed, data=structured(form.cleaned_data))


def _correct(contributor, project, n: int) -> None:
    typed = {"name": f"Queued {n} renamed", "project_kind": project.kind, "organisations": [],
             "new_organisations": f"New lab {n}", "countries": "FR, BE", "languages": "fr", "website": "",
             "paper_url": "", "code_url": "", "hub_repo_ids": f"Elsewhere-{n}/model\r\n{LUCIE}",
             "attach_code_url": f"https://example.org/code-{n}", "attach_code_licence": "MIT",
             "attach_code_coverage": "pre-training", "evidence_leg": "corpus", "evidence_value": "closed",
             "evidence_url": "https://example.org/card", "evidence_shows": "Not released.",
             "justification": "See the card."}
    form = CorrectionForm(data=typed, project=project)
    assert form.is_valid(), form.errors
    suggest_correction(project=project, submitter=contributor, raw_data=typed,
                       data=structured_correction(form.cleaned_data, project))


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def test_the_moderation_queue_reads_as_much_for_many_entries_as_for_a_few(
        client, moderator, django_capture_on_commit_callbacks):
    client.force_login(moderator)
    add_to_the_moderation_queue(SMALL, django_capture_on_commit_callbacks)
    few = queries_for(client, "/moderation/")
    add_to_the_moderation_queue(LARGE - SMALL, django_capture_on_commit_callbacks)

    html = client.get("/moderation/").content.decode()
    assert html.count("Review and decide") == 3 * LARGE  # proposals, corrections, reports
    assert html.count("Possible duplicates") == LARGE and html.count("it stays there") == LARGE
    assert queries_for(client, "/moderation/") == few


# --- Every page, over a catalog that grows around one project ---

def add_to_the_catalog(size: int, site: "Site") -> None:
    """`size` model families shaped as the seed and the syncs make them, all sharing the site's organisation,
    country and language, built on its project as base model, with synced checkpoints and datasets, code,
    evidence, an Index assessment and history; the site's project gains as many checkpoints, changes and
    replies, and its contributor as many submissions."""
    for _ in range(size):
        n = next(_serial)
        family = ProjectFactory(name=f"Family {n}", kind=Project.Kind.MODEL_FAMILY, countries=["FR", "DE"],
                                languages=["fr", "en"], organisations=[site.organisation, OrganisationFactory()],
                                base_models=[site.checkpoint.repo_id])
        _equip(family, n)
        synced(HubRepoFactory(project=site.project, repo_id=f"anchor-lab/checkpoint-{n}"), license="apache-2.0",
               downloads=n, raw={"createdAt": "2024-05-01T00:00:00.000Z"})
        ChangeRecordFactory(project=site.project, field="leg:corpus", old_value="unknown", new_value="partial")
        publish_reply(author=site.representative, project=site.project, organisation=site.organisation,
                      leg="model", body=f"Reply {n} with *emphasis*.")
        _propose(site.contributor, n)
    recompute(site.project)


def _equip(family: Project, n: int) -> None:
    model = synced(HubRepoFactory(project=family, repo_id=f"lab-{n}/model"), license="apache-2.0", downloads=10 * n,
                   likes=n, datasets=[f"lab-{n}/data"], raw={"createdAt": "2024-02-01T00:00:00.000Z"})
    synced(DatasetRepoFactory(project=family, repo_id=f"lab-{n}/data"), license="cc-by-4.0")
    CodeRepository.objects.create(project=family, url=f"https://example.org/lab-{n}/train",
                                  licence="apache-2.0", covers=CodeCoverage.PRE_TRAINING)
    EvidenceFactory(project=family, leg="corpus")
    IndexAssessmentFactory(project=family, release_month="2024-01")
    recompute(family)
    DownloadCount.objects.create(hub_repo=model, day=date(2026, 11, 1 + n % 28), downloads=10 * n)



class Site:
    """The pages' subjects, made once: a project with an organisation, a contributor with a submission sent
    back for changes, a representative, a pending claim and the moderator."""

    def __init__(self, moderator, on_commit):
        self.moderator = moderator
        self.staff = UserFactory(is_staff=True)
        self.organisation = OrganisationFactory(name="Anchor Lab", country="FR")
        self.project = ProjectFactory(name="Anchor", kind=Project.Kind.MODEL_FAMILY, countries=["FR"],
                                      languages=["fr"], organisations=[self.organisation])
        self.checkpoint = synced(HubRepoFactory(project=self.project, repo_id="anchor-lab/anchor-7b"),
                                 license="apache-2.0", downloads=5)
        _equip(self.project, next(_serial))
        self.others = [ProjectFactory(name=f"Other {n}", kind=Project.Kind.MODEL_FAMILY) for n in (1, 2)]
        for other in self.others:
            _equip(other, next(_serial))
        self.contributor = make_contributor("owner@example.org")
        with on_commit(execute=True):
            _propose(self.contributor, next(_serial))
        self.submission = Submission.objects.get(submitter=self.contributor)
        request_changes(submission=self.submission, moderator=moderator, message="Add a source.")
        self.representative = make_contributor("representative@example.org")
        claim = request_representation(user=self.representative, organisation=self.organisation, justification="Mine.")
        approve_representation(claim=claim, moderator=moderator)
        self.claim = request_representation(user=self.contributor, organisation=self.organisation,
                                            justification="I work there.")
        SyncRunFactory()

    def url(self, page: str) -> str:
        return page.format(project=self.project.slug, organisation=self.organisation.slug,
                           submission=self.submission.pk, claim=self.claim.pk,
                           compared=",".join(p.slug for p in [self.project, *self.others]))


# (URL, who asks): `None` anonymous; the contributor, the representative or the moderator otherwise.
PUBLIC_PAGES = [
    "/", "/methodology/", "/privacy/", "/grid/", "/grid/?country=FR&sort=-model", "/compare/?projects={compared}",
    "/projects/", "/projects/?q=family", "/projects/?country=FR&language=fr&sort=downloads&page=1",
    "/projects/{project}/", "/projects/{project}/changes.atom", "/projects/{project}/preview.png",
    "/badges/{project}.svg", "/badges/{project}/model.svg", "/organisations/", "/organisations/{organisation}/",
    "/countries/", "/countries/FR/", "/languages/", "/languages/fr/", "/feeds/projects.atom",
    "/feeds/changes.atom", "/sitemap.xml", "/sitemap-projects.xml", "/robots.txt", "/healthz", "/status/",
]
FRENCH_PAGES = [f"/fr{page}" for page in PUBLIC_PAGES if page.endswith("/") or "/?" in page]
PAGES = [(page, None) for page in PUBLIC_PAGES + FRENCH_PAGES] + [
    ("/submit/", "contributor"), ("/projects/{project}/report/", None), ("/projects/{project}/correct/", "contributor"),
    ("/projects/{project}/reply/", "representative"), ("/organisations/{organisation}/represent/", "contributor"),
    ("/account/submissions/", "contributor"), ("/account/submissions/{submission}/", "contributor"),
    ("/account/submissions/{submission}/resubmit/", "contributor"), ("/account/token/", "contributor"),
    ("/moderation/", "moderator"), ("/moderation/submissions/{submission}/", "moderator"),
    ("/moderation/review/", "staff"), ("/fr/moderation/", "moderator"), ("/fr/account/submissions/", "contributor"),
]
# Pages that answer only a POST, or only a redirect to a static file, so have nothing to render.
NOTHING_TO_RENDER = {"registry:moderation-claim", "registry:moderation-hide-reply", "registry:favicon"}


@pytest.mark.parametrize(("page", "who"), PAGES, ids=[page for page, _ in PAGES])
def test_every_page_reads_as_much_for_a_large_catalog_as_for_a_small_one(
        client, moderator, django_capture_on_commit_callbacks, page, who):
    site = Site(moderator, django_capture_on_commit_callbacks)
    if who:
        client.force_login(getattr(site, who))
    add_to_the_catalog(SMALL, site)
    small = queries_for(client, site.url(page))
    add_to_the_catalog(LARGE - SMALL, site)
    assert queries_for(client, site.url(page)) == small


def test_every_page_of_the_site_has_a_query_count_test():
    covered = {resolve(urlsplit(page.removeprefix("/fr").format(project="p", organisation="o", submission=1, claim=1,
                                            compared="a")).path).view_name for page, _ in PAGES}
    pages = {f"registry:{pattern.name}" for pattern in registry_urls.urlpatterns}
    assert pages - covered - NOTHING_TO_RENDER == set()
