"""A visitor signs up, verifies the address, proposes a project; a moderator approves it; it is public.

Everything a person does happens in the browser (forms filled by their labels, buttons pressed by their names);
only the verification e-mail is read from Django's outbox. The Hub check runs in-process against the fake Hub.
"""

import importlib
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command

from tests.submissions_fixtures import contribution_settings  # noqa: F401  (fixture: fake Hub, tasks in-process)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-correct-horse-battery-staple"
MODERATOR_PASSWORD = "another-correct-horse-battery"
HUB_ID = "OpenLLM-France/Lucie-7B"
JUSTIFICATION = "Trained in France; see [the paper](https://arxiv.org/abs/2503.12294)."


@pytest.fixture(autouse=True)
def moderator_group(transactional_db):
    """The "moderator" group as its data migration makes it: an earlier transactional test's flush wiped it."""
    from django.contrib.auth.models import Group, Permission

    migration = importlib.import_module("registry.migrations.0014_moderator_group")
    codenames = [f"{action}_{model}" for model, actions in migration.PERMISSIONS.items() for action in actions]
    group, _ = Group.objects.get_or_create(name=migration.GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="registry", codename__in=codenames))
    return group


@pytest.fixture
def people(browser, live_server):
    """A browser context per person, each page's console collected."""
    contexts, messages = [], []

    def open_page():
        context = browser.new_context(base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
        return page

    yield open_page, messages
    for context in contexts:
        context.close()


def log_in(page, email: str, password: str):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()


def sign_up_submit_and_approve(people, fake_hub):
    """The whole flow, each step checked; returns (contributor's page, anonymous page on the new project)."""
    open_page, console = people

    # --- A visitor signs up and follows the link in the verification e-mail.
    visitor = open_page()
    visitor.goto("/accounts/signup/")
    visitor.get_by_label("Email").fill("carol@example.org")
    visitor.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    visitor.get_by_label(re.compile(r"password \(again\)", re.I)).fill(PASSWORD)
    visitor.get_by_role("button", name=re.compile("sign up", re.I)).click()
    visitor.wait_for_url("**/accounts/confirm-email/")
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/[^/\s]+/", message.body).group(0)
    visitor.goto(urlsplit(link).path)
    visitor.get_by_role("button", name=re.compile("confirm", re.I)).click()

    # --- The contributor logs in and proposes a project: form, confirmation, send.
    log_in(visitor, "carol@example.org", PASSWORD)
    visitor.wait_for_url(lambda url: "/accounts/login/" not in url)
    visitor.goto("/submit/")
    assert visitor.get_by_role("heading", level=1).inner_text() == "Propose a project"
    visitor.get_by_label("Name").fill("Lucie Reloaded")
    visitor.get_by_label("Kind").select_option(label="Model family")
    visitor.get_by_label("Hugging Face Hub repositories").fill(HUB_ID)
    visitor.get_by_label("Website").fill("https://www.openllm-france.fr/")
    visitor.get_by_label("Why it belongs here, with sources").fill(JUSTIFICATION)
    visitor.get_by_role("button", name="Check and preview").click()
    assert visitor.get_by_role("heading", level=1).inner_text() == "Check before sending"
    assert visitor.get_by_text("No project in the registry has this name or these Hub repositories.").is_visible()
    visitor.get_by_role("button", name="Send for review").click()
    visitor.wait_for_url(re.compile(r"/account/submissions/\d+/$"))
    assert fake_hub.count(f"/api/models/{HUB_ID}") == 1  # the pre-check reached the fake Hub, nothing else

    visitor.goto("/account/submissions/")
    row = visitor.get_by_role("row").filter(has=visitor.get_by_role("link", name=re.compile("Lucie Reloaded")))
    assert row.get_by_role("cell", name="Pending review", exact=True).is_visible()
    assert row.get_by_role("cell", name="Checked on the Hub", exact=True).is_visible()

    # --- A moderator (made with the one command) approves it from the queue.
    call_command("create_moderator", "mona@example.org", "--no-input")
    from django.contrib.auth import get_user_model

    moderator_account = get_user_model().objects.get(email="mona@example.org")
    moderator_account.set_password(MODERATOR_PASSWORD)
    moderator_account.save()

    moderator = open_page()
    log_in(moderator, "mona@example.org", MODERATOR_PASSWORD)
    moderator.wait_for_url(lambda url: "/accounts/login/" not in url)
    moderator.goto("/moderation/")
    assert moderator.get_by_role("heading", level=1).inner_text() == "Moderation queue"
    moderator.get_by_role("heading", level=2).get_by_role("link", name=re.compile("Lucie Reloaded")).click()
    moderator.wait_for_url(re.compile(r"/moderation/submissions/\d+/$"))
    moderator.get_by_role("button", name="Approve").click()
    moderator.wait_for_url("**/moderation/")
    assert moderator.get_by_text("Nothing waits for a decision.").is_visible()

    # --- The project is public (to a browser nobody logged in to); the contributor sees it approved.
    anonymous = open_page()
    response = anonymous.goto("/projects/lucie-reloaded/")
    assert response.status == 200
    assert anonymous.get_by_role("heading", level=1).inner_text() == "Lucie Reloaded"
    assert anonymous.get_by_role("link", name=re.compile("log in", re.I)).first.is_visible()
    visitor.goto("/account/submissions/")
    row = visitor.get_by_role("row").filter(has=visitor.get_by_role("link", name=re.compile("Lucie Reloaded")))
    assert row.get_by_role("cell", name="Approved", exact=True).is_visible()

    assert [line for line in console if "Content Security Policy" in line] == []
    return visitor, anonymous


def test_a_visitor_signs_up_proposes_a_project_and_a_moderator_approves_it(live_server, people, fake_hub):
    sign_up_submit_and_approve(people, fake_hub)


def test_the_public_history_of_an_approved_project_credits_its_contributor(live_server, people, fake_hub):
    _, anonymous = sign_up_submit_and_approve(people, fake_hub)
    history = anonymous.get_by_role("region", name="History of changes")
    assert history.get_by_text(re.compile(r"submitted by carol, approved by mona")).first.is_visible()


def test_a_contributor_corrects_a_project_with_evidence_and_a_moderator_approves_it(live_server, people):
    from django.db import transaction

    from registry.services.openness import recompute_project_openness
    from tests.factories import HubRepoFactory, ProjectFactory, synced
    from tests.submissions_fixtures import make_contributor

    project = ProjectFactory(name="Lucie", slug="lucie", kind="model-family", website="https://old.example.org/")
    synced(HubRepoFactory(project=project, repo_id="OpenLLM-France/Lucie-7B"), license="apache-2.0")
    with transaction.atomic():
        recompute_project_openness(project=project)
    contributor_account = make_contributor("carol@example.org")
    call_command("create_moderator", "mona@example.org", "--no-input")
    from django.contrib.auth import get_user_model

    moderator_account = get_user_model().objects.get(email="mona@example.org")
    moderator_account.set_password(MODERATOR_PASSWORD)
    moderator_account.save()
    open_page, console = people

    # --- The contributor opens the project page, follows "Suggest a correction" and fills in the form.
    contributor = open_page()
    log_in(contributor, contributor_account.email, "a-correct-horse-battery-staple")
    contributor.wait_for_url(lambda url: "/accounts/login/" not in url)
    contributor.goto("/projects/lucie/")
    section = contributor.get_by_role("region", name="Suggest a correction")
    section.get_by_role("link", name="Suggest a correction", exact=True).click()
    assert contributor.get_by_label("Website").input_value() == "https://old.example.org/"
    contributor.get_by_label("Website").fill("https://www.openllm-france.fr/")
    contributor.get_by_label("Attach a code repository").fill("https://github.com/OpenLLM-France/Lucie-Training")
    contributor.get_by_label("Its licence").fill("AGPL-3.0")
    contributor.get_by_label("What its code covers").select_option("pre-training")
    contributor.get_by_label("Evidence for the leg").select_option("corpus")
    contributor.get_by_label("The value it supports").select_option("closed")
    contributor.get_by_label("Its source").fill("https://example.org/lucie/data-card")
    contributor.get_by_label("What the source shows").fill("The data card says the corpus is not released.")
    contributor.get_by_label("Why, with sources").fill("The website moved; the code is public.")
    contributor.get_by_role("button", name="Send the correction").click()
    contributor.wait_for_url(re.compile(r"/account/submissions/\d+/$"))
    assert contributor.get_by_text("Pending review").first.is_visible()

    # --- The moderator sees the diff and the legs as they would become, and approves.
    moderator = open_page()
    log_in(moderator, "mona@example.org", MODERATOR_PASSWORD)
    moderator.wait_for_url(lambda url: "/accounts/login/" not in url)
    moderator.goto("/moderation/")
    moderator.get_by_role("heading", level=2).get_by_role("link", name=re.compile("Correction to Lucie")).click()
    diff = moderator.get_by_role("table", name="What the correction changes")
    assert diff.get_by_role("cell", name="https://old.example.org/").is_visible()
    assert diff.get_by_role("cell", name="https://www.openllm-france.fr/").is_visible()
    legs = moderator.get_by_role("table", name="The three legs as they would become")
    code_row = legs.get_by_role("row").filter(has=moderator.get_by_role("rowheader", name="code"))
    assert "unknown" in code_row.get_by_role("cell").nth(0).inner_text()
    assert "open" in code_row.get_by_role("cell").nth(1).inner_text()
    moderator.get_by_role("button", name="Approve").click()
    moderator.wait_for_url("**/moderation/")

    # --- Anyone sees the new value, the new code leg and the history crediting both.
    anonymous = open_page()
    anonymous.goto("/projects/lucie/")
    assert anonymous.get_by_role("link", name="https://www.openllm-france.fr/").is_visible()
    history = anonymous.get_by_role("region", name="History of changes")
    assert history.get_by_text("website: https://old.example.org/ → https://www.openllm-france.fr/").is_visible()
    assert history.get_by_text(re.compile(r"submitted by carol, approved by mona")).first.is_visible()
    assert [line for line in console if "Content Security Policy" in line] == []
