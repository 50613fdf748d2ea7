"""A project's leg columns (`Project.code_leg`, `model_leg`, `corpus_leg`) always hold the effective value of its
leg rows, the value its page shows: filters, facets and counts over the whole catalog read them."""

import pytest

from registry.filters import ProjectFilterSet
from registry.models import LegAssessment, Project
from registry.services.openness import clear_override, override_leg
from tests.factories import ProjectFactory, UserFactory, open_weights_project, recompute, synced

pytestmark = pytest.mark.django_db



def columns(project) -> dict[str, str]:
    project = Project.objects.get(pk=project.pk)
    return {"code": project.code_leg, "model": project.model_leg, "corpus": project.corpus_leg}


def rows(project) -> dict[str, str]:
    return {row.leg: row.value for row in LegAssessment.objects.filter(project=project)}


@pytest.fixture
def open_weights():
    return open_weights_project()


def test_a_project_never_assessed_reads_unknown_on_every_leg():
    assert columns(ProjectFactory(kind=Project.Kind.TOOL)) == {"code": "unknown", "model": "unknown", "corpus": "unknown"}


def test_a_recompute_stores_the_computed_values(open_weights):
    assert columns(open_weights) == rows(open_weights)
    assert columns(open_weights)["model"] == "open"


def test_a_changed_licence_changes_the_column_on_the_next_recompute(open_weights):
    synced(open_weights.hub_repos.get(), license="cc-by-nc-4.0")
    recompute(open_weights)
    assert columns(open_weights)["model"] != "open"
    assert columns(open_weights) == rows(open_weights)


def test_an_override_and_its_clearing_move_the_column_with_the_value_shown(open_weights):
    moderator = UserFactory()
    row = LegAssessment.objects.get(project=open_weights, leg="model")
    override_leg(leg_assessment=row, value="closed", justification="Weights withdrawn.", user=moderator)
    assert columns(open_weights)["model"] == "closed"
    clear_override(leg_assessment=row, user=moderator)
    assert columns(open_weights)["model"] == "open"


def test_the_leg_filters_read_the_columns(open_weights):
    closed = ProjectFactory(name="Other")
    Project.objects.filter(pk=closed.pk).update(model_leg="closed")
    matching = ProjectFilterSet({"model": "closed"}, queryset=Project.objects.all()).qs
    assert list(matching) == [closed]
