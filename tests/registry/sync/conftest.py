"""Fixtures for the Hub sync tests: the fake Hub's OpenLLM-France namespace as the registry knows it.

Every test gets its own cache key prefix (locks, claims and rate counters never leak between tests or
xdist workers sharing one Redis), a rate limit high enough never to wait, and recorded sleeps.
"""

import time
import uuid

import pytest

from registry.models import HubRepo, Project, RepoType
from registry.services.hub_sync import SyncScope, run_hub_sync
from tests.factories import HubNamespaceFactory, HubRepoFactory, ProjectFactory

LUCIE = "OpenLLM-France/Lucie-7B"
LUCIE_INSTRUCT = "OpenLLM-France/Lucie-7B-Instruct-v1.1"
CLAIRE = "OpenLLM-France/Claire-7B-0.1"
CLAIRE_APACHE = "OpenLLM-France/Claire-7B-Apache-0.1"
CLAIRE_MISTRAL = "OpenLLM-France/Claire-Mistral-7B-0.1"  # listed by the fake Hub, unknown to the registry
LUCIE_DATASET = "OpenLLM-France/Lucie-Training-Dataset"
LUCIE_README = f"/{LUCIE}/resolve/main/README.md"


@pytest.fixture(autouse=True)
def sync_settings(settings, fake_hub):
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}
    settings.HUB_RATE_LIMIT_CALLS = 1_000_000
    settings.HF_ENDPOINT = fake_hub.url
    settings.HF_TOKEN = ""
    return settings


@pytest.fixture
def sleeps(monkeypatch) -> list[float]:
    """Every time.sleep (ours and huggingface_hub's back-off), recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr(time, "sleep", recorded.append)
    return recorded


@pytest.fixture
def namespace(db):
    """OpenLLM-France, tracked, with two projects and the repos the registry knows of it."""
    namespace = HubNamespaceFactory(name="OpenLLM-France")
    lucie = ProjectFactory(name="Lucie", slug="lucie", kind=Project.Kind.MODEL_FAMILY)
    claire = ProjectFactory(name="Claire", slug="claire", kind=Project.Kind.MODEL_FAMILY)
    for repo_id, project in ((LUCIE, lucie), (LUCIE_INSTRUCT, lucie), (CLAIRE, claire), (CLAIRE_APACHE, claire)):
        HubRepoFactory(repo_id=repo_id, project=project, namespace=namespace)
    HubRepoFactory(repo_id=LUCIE_DATASET, repo_type=RepoType.DATASET, project=lucie, namespace=namespace)
    return namespace


@pytest.fixture
def sync_namespace(hub_client, sleeps):
    """Run a foreground sync of one namespace with the test's client; returns the finished SyncRun."""

    def sync(namespace, client=None):
        return run_hub_sync(client=client or hub_client, scope=SyncScope(namespace_pks=[namespace.pk]),
                            sleep=sleeps.append)

    return sync


@pytest.fixture
def sync_repos(hub_client, sleeps):
    """Run a foreground sync of some repos (by HubRepo) with the test's client."""

    def sync(*repos, client=None):
        return run_hub_sync(client=client or hub_client, scope=SyncScope(repo_pks=[repo.pk for repo in repos]),
                            sleep=sleeps.append)

    return sync


@pytest.fixture
def eager_celery():
    """Run tasks in-process even when REDIS_URL (CI) points Celery at a real broker."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = previous


def repo(repo_id: str, repo_type: str = RepoType.MODEL) -> HubRepo:
    return HubRepo.objects.get(repo_id=repo_id, repo_type=repo_type)


def writes(queries, *, allowed=("registry_syncrun", "registry_hubnamespace")) -> list[str]:
    """The INSERT/UPDATE/DELETE statements among captured queries, except on the `allowed` tables."""
    return [
        query["sql"] for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and not any(f'"{table}"' in query["sql"] for table in allowed)
    ]


@pytest.fixture
def lucie_card_unparsed(fake_hub):
    """Lucie listed without card data (the Hub could not parse its README's front matter), so that its detailed
    sync must read its README: the one request of its own, where the tests inject faults. Its licence then
    comes from its tags."""
    fake_hub.set_model_field(LUCIE, "cardData", None)
