"""Schemathesis generates requests from /api/v1/schema/ and checks every answer against it.

Bounded (20 examples an operation, positive and negative), on the seeded catalog plus a few rows
of every kind the seed lacks (assessed legs, an override, changes, sync runs), without throttling.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from registry.models import HubRepo, Project
from tests.factories import ChangeRecordFactory, LegAssessmentFactory, SyncRunFactory

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


def add_what_the_seed_lacks():
    lucie = Project.objects.get(slug="lucie")
    fact = {"leg": "model", "source": "hub", "shows": "license: apache-2.0", "value": "open",
            "reason": "Unrestricted.", "kind": "computed", "url": None, "seen_at": None,
            "attribution": None}
    LegAssessmentFactory(project=lucie, leg="model", facts=[fact], caveats=["Cite."])
    LegAssessmentFactory(project=lucie, leg="code", computed_value="closed", override_value="open",
                         override_justification="Code released.")
    repo = HubRepo.objects.filter(project=lucie, repo_type="model").first()
    LegAssessmentFactory(project=None, hub_repo=repo, leg="corpus", computed_value="partial")
    run = SyncRunFactory(errors=[{"repo": repo.repo_id, "error": "Hub answered 500"}])
    ChangeRecordFactory(project=None, hub_repo=repo, field="license", old_value=None,
                        new_value="apache-2.0", sync_run=run)
    ChangeRecordFactory(project=lucie, field="leg:code", old_value="closed", new_value="open")


# Loaded when the module is collected: the schema view reads neither the database nor a session.
# (schemathesis.pytest.from_fixture would load it lazily, but fails on pytest 9's node ids.)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture
def catalog(seeded_catalog, no_throttling):
    add_what_the_seed_lacks()


@pytest.fixture(autouse=True)
def _keep_the_test_transaction_open():
    """Requests go through the real WSGI handler, which closes the database connection when a
    request finishes; inside a test that would end its transaction (Django's test client
    disconnects the same handler)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_the_api_keeps_the_contract_it_publishes(case, catalog):
    case.call_and_validate(checks=CHECKS)
