"""Schemathesis generates requests from /api/v1/schema/ and checks every answer against it, with all its checks.

Bounded (15 examples an operation, positive and negative), on the seeded catalog plus a few rows
of every kind the seed lacks (assessed legs, an override, changes, sync runs), without throttling.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from config.wsgi import application
from registry.models import HubRepo, Project
from tests.factories import ChangeRecordFactory, LegAssessmentFactory, SyncRunFactory

# Every check schemathesis has runs, with two exceptions.
# positive_data_acceptance: a value of the right type can still name nothing (a project, licence or
# organisation slug that is not in the catalog, `country=XX` that is no ISO code, a cursor the API did not
# issue). The API answers those with a 400 naming the parameter, deliberately (a typo is not an empty list);
# the 400 itself is still checked against the schema. Hostile values: tests/test_hostile_input_matrix.py.
EXCLUDED = [positive_data_acceptance]
# negative_data_rejection, for cases holding an empty value only: an empty value means "not given" across the
# API, as in django-filter and the site's GET forms (`updated_since=` filters nothing), which the schema cannot
# express for a typed parameter. Any other malformed value must still be rejected.
EXCLUDED_WITH_AN_EMPTY_VALUE = [negative_data_rejection]


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
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_the_api_keeps_the_contract_it_publishes(case, catalog):
    excluded = EXCLUDED + (EXCLUDED_WITH_AN_EMPTY_VALUE if has_an_empty_value(case) else [])
    case.call_and_validate(excluded_checks=excluded)


def has_an_empty_value(case) -> bool:
    return any(value in ("", [""]) for value in (case.query or {}).values())
