"""factory_boy factories for the catalog's models."""

import factory

from registry.models import HubRepo, Organisation, Project, RepoType


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    country = "FR"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    kind = Project.Kind.MODEL_FAMILY

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)


class HubRepoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubRepo

    repo_id = factory.Sequence(lambda n: f"example-org/model-{n}")
    repo_type = RepoType.MODEL
    project = factory.SubFactory(ProjectFactory)
