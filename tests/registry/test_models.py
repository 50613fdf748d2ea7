"""The catalog's constraints keep the data honest."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from registry.models import ChangeRecord, HubRepo, LegAssessment, Project, RepoType
from tests.factories import HubRepoFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_duplicate_project_slug_is_rejected_with_a_clear_error():
    ProjectFactory(slug="lucie")
    duplicate = Project(name="Lucie again", slug="lucie", kind=Project.Kind.MODEL_FAMILY)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Project with this Slug already exists." in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_hub_repo_is_unique_per_repo_id_and_type_with_a_clear_error():
    existing = HubRepoFactory(repo_id="OpenLLM-France/Lucie-7B", repo_type=RepoType.MODEL)
    duplicate = HubRepo(repo_id="OpenLLM-France/Lucie-7B", repo_type=RepoType.MODEL,
                        project=existing.project)
    with pytest.raises(ValidationError) as error:
        duplicate.validate_constraints()
    assert error.value.messages == ["This Hub repository is already in the registry."]
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_model_and_a_dataset_may_share_a_repo_id():
    HubRepoFactory(repo_id="OpenLLM-France/Lucie", repo_type=RepoType.MODEL)
    HubRepoFactory(repo_id="OpenLLM-France/Lucie", repo_type=RepoType.DATASET)
    assert HubRepo.objects.filter(repo_id="OpenLLM-France/Lucie").count() == 2


def test_a_leg_belongs_to_exactly_one_subject():
    repo = HubRepoFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LegAssessment.objects.create(project=repo.project, hub_repo=repo, leg="model")
    with pytest.raises(IntegrityError), transaction.atomic():
        LegAssessment.objects.create(leg="model")


def test_each_subject_has_one_assessment_per_leg():
    project = ProjectFactory()
    LegAssessment.objects.create(project=project, leg="model")
    with pytest.raises(IntegrityError), transaction.atomic():
        LegAssessment.objects.create(project=project, leg="model")


def test_an_override_without_justification_is_rejected():
    leg = LegAssessment(project=ProjectFactory(), leg="model", override_value="open")
    with pytest.raises(ValidationError) as error:
        leg.validate_constraints()
    assert error.value.messages == ["An override needs a written justification."]


def test_the_override_wins_over_the_computed_value():
    leg = LegAssessment(project=ProjectFactory(), leg="model", computed_value="partial",
                        override_value="open", override_justification="Licence clarified by email")
    assert (leg.value, leg.source) == ("open", "override")


def test_change_records_are_append_only():
    record = ChangeRecord.objects.create(project=ProjectFactory(), field="leg:model",
                                         old_value="unknown", new_value="open")
    record.new_value = "closed"
    with pytest.raises(ValueError, match="append-only"):
        record.save()
