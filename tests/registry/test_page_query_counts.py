"""No page's number of queries grows with the rows it shows: each page is rendered over a small site, then
over one several times larger, and must read the database exactly as many times."""

from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registry.forms.corrections import CorrectionForm, structured_correction
from registry.forms.submissions import ProjectSubmissionForm, structured
from registry.models import ChangeRecord, HubRepo
from registry.services.right_of_reply import request_representation
from registry.services.submissions import report_problem, submit_project, suggest_correction
from tests.factories import HubRepoFactory, OrganisationFactory, ProjectFactory, SyncRunFactory
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
