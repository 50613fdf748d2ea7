"""The moderation queue lists what the Hub syncs flagged: projects to review, repositories whose last sync
failed or that left the Hub, and the leg changes of the last sync run."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from registry.models import ChangeRecord, HubRepo
from tests.factories import HubRepoFactory, ProjectFactory, SyncRunFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client, db):
    user = get_user_model().objects.create_user(username="mona", email="mona@example.org", password="x")
    user.groups.add(Group.objects.get(name="moderator"))
    client.force_login(user)
    return client


def test_the_queue_lists_what_the_syncs_flagged(moderator_client):
    ProjectFactory(name="Disputed", needs_review=True, review_reason="The Hub licence contradicts the override.")
    HubRepoFactory(repo_id="lab/broken", sync_status=HubRepo.SyncStatus.ERROR, last_error="Hub answered 500",
                   last_error_at=timezone.now())
    HubRepoFactory(repo_id="lab/gone", sync_status=HubRepo.SyncStatus.MISSING)
    HubRepoFactory(repo_id="lab/fine", sync_status=HubRepo.SyncStatus.OK)
    older, last = SyncRunFactory(), SyncRunFactory()
    changed = ProjectFactory(name="Relicensed")
    ChangeRecord.objects.create(project=changed, field="leg:model", old_value="open", new_value="partial", sync_run=last)
    ChangeRecord.objects.create(project=changed, field="leg:code", old_value="open", new_value="closed", sync_run=older)

    html = moderator_client.get("/moderation/").content.decode()
    flags = html[html.index('id="sync-flags-title"'):]
    assert "Disputed" in flags and "The Hub licence contradicts the override." in flags
    assert "lab/broken" in flags and "Hub answered 500" in flags and "lab/gone" in flags
    assert "lab/fine" not in flags
    assert f"model leg open → partial in Hub sync #{last.pk}" in flags
    assert "code leg" not in flags  # an older run's change is no longer news


def test_the_queue_says_when_the_syncs_flagged_nothing(moderator_client):
    html = moderator_client.get("/moderation/").content.decode()
    assert "Nothing: the last sync changed no leg and failed on no repository." in html
