"""Fixtures shared by the submission tests (site and API): own caches, tasks in-process on the fake Hub,
contributors with verified e-mail addresses, and a valid project submission."""

import uuid

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches

PASSWORD = "a-correct-horse-battery-staple"
LUCIE = "OpenLLM-France/Lucie-7B"


@pytest.fixture(autouse=True)
def contribution_settings(settings, fake_hub):
    """In-process caches of this test's own (throttle history, rate limiter), the fake Hub, tasks in-process."""
    from config.celery import app

    location = f"submissions-{uuid.uuid4().hex}"
    settings.CACHES = {alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": location + alias}
                       for alias in ("default", "volatile")}
    for alias in ("default", "volatile"):
        caches[alias].clear()
    settings.HF_ENDPOINT = fake_hub.url
    settings.HUB_RATE_LIMIT_CALLS = 1_000_000
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True  # CI points Celery at a real broker: keep these tasks in the test
    yield settings
    app.conf.task_always_eager = previous


@pytest.fixture
def contributor(db):
    return make_contributor("alice@example.org")


@pytest.fixture
def other_contributor(db):
    return make_contributor("bob@example.org")


@pytest.fixture
def moderator(db):
    """A member of the moderator group."""
    user = get_user_model().objects.create_user(username="mona", email="mona@example.org", password="x")
    user.groups.add(Group.objects.get(name="moderator"))
    return user


def make_contributor(email: str):
    user = get_user_model().objects.create_user(username=email.split("@")[0], email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def valid_project(**changes) -> dict:
    """A complete, valid "Propose a project" form."""
    return {
        "name": "Lucie Reloaded",
        "project_kind": "model-family",
        "new_organisations": "OpenLLM-France\r\nLINAGORA",
        "countries": "FR, be",
        "languages": "fr, en",
        "website": "https://www.openllm-france.fr/",
        "code_url": "https://github.com/OpenLLM-France/Lucie-Training",
        "code_licence": "AGPL-3.0",
        "code_coverage": "pre-training",
        "paper_url": "https://arxiv.org/abs/2503.12294",
        "hub_repo_ids": f"  {LUCIE}  \r\n",
        "external_datasets": "https://example.org/corpus",
        "justification": "Trained in France; see [the paper](https://arxiv.org/abs/2503.12294).",
        **changes,
    }
