"""What a repo row says about its failures (issue 9, defect 4)."""

import pytest
from django.urls import reverse

from tests.factories import HubRepoFactory, UserFactory
from tests.registry.sync.conftest import LUCIE, LUCIE_README, repo

pytestmark = pytest.mark.django_db



def test_error_count_counts_failed_syncs_not_attempts(lucie_card_unparsed, fake_hub, namespace, sync_namespace, settings):
    settings.HUB_SYNC_INTERVAL_MINUTES = 0
    fake_hub.fail(LUCIE_README, status=503, times=None)

    sync_namespace(namespace)
    sync_namespace(namespace)

    assert (repo(LUCIE).sync_status, repo(LUCIE).error_count) == ("error", 2)


def test_a_success_clears_last_error(lucie_card_unparsed, fake_hub, namespace, sync_namespace, settings):
    settings.HUB_SYNC_INTERVAL_MINUTES = 0
    fake_hub.fail(LUCIE_README, status=503, times=None)
    sync_namespace(namespace)
    fake_hub.reset()

    sync_namespace(namespace)

    lucie = repo(LUCIE)
    assert (lucie.sync_status, lucie.error_count, lucie.last_error, lucie.last_error_at) == ("ok", 0, "", None)


def test_errors_never_publish_the_internal_hub_endpoint(lucie_card_unparsed, fake_hub, namespace, sync_namespace, client):
    fake_hub.fail(LUCIE_README, status=500, times=None)

    run = sync_namespace(namespace)

    assert "500" in repo(LUCIE).last_error and fake_hub.url not in repo(LUCIE).last_error
    assert LUCIE in repo(LUCIE).last_error
    assert fake_hub.url not in str(run.errors)
    assert fake_hub.url not in client.get(reverse("registry:sync-status")).content.decode()


def test_an_unexpected_failure_reaches_the_repo_row_and_the_status_page(fake_hub, namespace, sync_repos, client):
    fake_hub.garble(f"/api/models/{LUCIE}", times=None)

    sync_repos(repo(LUCIE))

    assert "JSONDecodeError" in repo(LUCIE).last_error
    assert LUCIE in client.get(reverse("registry:sync-status")).content.decode()


@pytest.mark.parametrize("link", ["LICENSE", "LICENSE.md", "https://example.org/licence"])
def test_the_admin_keeps_the_license_link_the_hub_gave(client, link):
    hub_repo = HubRepoFactory(repo_id="example/model", license_link=link)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:registry_hubrepo_change", args=[hub_repo.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {name: "[]" if isinstance(value, list) else value for name, value in data.items()}
    data |= {"card_data": "{}", "raw": "{}", "license_link": link}

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    hub_repo.refresh_from_db()
    assert hub_repo.license_link == link


@pytest.mark.parametrize(("link", "url"), [
    ("LICENSE", "https://huggingface.co/example/model/blob/main/LICENSE"),
    ("https://example.org/licence", "https://example.org/licence"),
    ("javascript:alert(1)", None),
    ("", None),
])
def test_the_license_link_is_shown_only_as_a_safe_absolute_url(link, url):
    assert HubRepoFactory.build(repo_id="example/model", license_link=link).license_url == url
