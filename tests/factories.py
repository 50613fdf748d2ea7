"""factory_boy factories for the catalog's models."""

import factory
from django.db import transaction
from django.utils import timezone

from registry.models import (
    ChangeRecord,
    HubRepo,
    LegAssessment,
    Licence,
    LicenceClass,
    Organisation,
    Project,
    RepoType,
    SyncRun,
)
from registry.services.openness import recompute_project_openness
from registry.services.search_index import refresh_search_vectors


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

    @factory.post_generation
    def search_vector(self, create, extracted, **kwargs):
        # As the services that write projects do; runs after `organisations` (declaration order).
        if create:
            refresh_search_vectors(project_ids=[self.pk])


class HubRepoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubRepo

    repo_id = factory.Sequence(lambda n: f"example-org/model-{n}")
    repo_type = RepoType.MODEL
    project = factory.SubFactory(ProjectFactory)


# --- Openness: evidence, people, datasets, and Hub data as a sync would store it ---

import json  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402

from registry.models import Evidence, IndexAssessment  # noqa: E402

HUB_FIXTURES = Path(__file__).resolve().parent / "data" / "hub"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"moderator-{n}")
    is_staff = True
    is_superuser = True


class DatasetRepoFactory(HubRepoFactory):
    repo_id = factory.Sequence(lambda n: f"example-org/dataset-{n}")
    repo_type = RepoType.DATASET
    project = None


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    project = factory.SubFactory(ProjectFactory)
    leg = "corpus"
    value = "partial"
    source = "moderator"
    source_key = factory.Sequence(lambda n: f"statement-{n}")
    statement = "Some training data is not released."
    url = "https://example.org/statement"
    seen_at = factory.LazyFunction(lambda: datetime(2025, 1, 1, tzinfo=UTC))


class IndexAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndexAssessment

    project = factory.SubFactory(ProjectFactory)
    system_name = factory.LazyAttribute(lambda o: o.project.name)
    url = "https://osai-index.eu/model/example"
    source_file = "example.yaml"
    source_commit = "0" * 40
    dimensions = factory.LazyFunction(lambda: {"trainingcode": {"class": "open"}, "paper": {"class": "closed"}})


def recompute(project, **kwargs):
    """Recompute `project`'s openness as the services do, inside a transaction; its change records."""
    with transaction.atomic():
        return recompute_project_openness(project=project, **kwargs)


def synced(repo: HubRepo, **fields) -> HubRepo:
    """Store Hub metadata on `repo` as a successful sync would (`fields` as HubRepo fields)."""
    for name, value in {"sync_status": HubRepo.SyncStatus.OK, "last_synced_at": timezone.now(), **fields}.items():
        setattr(repo, name, value)
    repo.save()
    return repo


def open_weights_project() -> Project:
    """A project whose one checkpoint is open weights (Apache-2.0, no gate), its openness computed."""
    project = ProjectFactory(name="Example")
    synced(HubRepoFactory(project=project), license="apache-2.0")
    recompute(project)
    return project


def synced_from_fixture(repo: HubRepo) -> HubRepo:
    """Store the captured Hub answer for `repo` (tests/data/hub) on it, as a sync would."""
    folder = "datasets" if repo.repo_type == RepoType.DATASET else "models"
    info = json.loads((HUB_FIXTURES / folder / f"{repo.repo_id.replace('/', '__')}.json").read_text(encoding="utf-8"))
    card = info.get("cardData") or {}
    base_model = card.get("base_model") or []
    return synced(
        repo,
        license=card.get("license") or "",
        license_name=card.get("license_name") or "",
        license_link=card.get("license_link") or "",
        gated={False: "no", "auto": "auto", "manual": "manual"}[info.get("gated", False)],
        tags=info.get("tags", []),
        datasets=card.get("datasets") or [],
        base_models=[base_model] if isinstance(base_model, str) else base_model,
        card_data=card,
        raw=info,
        parameters=(info.get("safetensors") or {}).get("total"),
        last_modified=datetime.fromisoformat(info["lastModified"].replace("Z", "+00:00")),
    )


class LicenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Licence
        django_get_or_create = ("identifier",)

    identifier = factory.Sequence(lambda n: f"licence-{n}")
    name = factory.LazyAttribute(lambda licence: f"The {licence.identifier} licence")
    licence_class = LicenceClass.OSI
    unrestricted = True


class LegAssessmentFactory(factory.django.DjangoModelFactory):
    """A computed leg of a project (pass `hub_repo=` and `project=None` for a checkpoint)."""

    class Meta:
        model = LegAssessment

    project = factory.SubFactory(ProjectFactory)
    leg = "model"
    computed_value = "open"
    reason = "Weights under an unrestricted licence."
    computed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def project_column(self, create, extracted, **kwargs):
        """Keep the project's leg column equal to the row, as the openness recompute does."""
        if create and self.project_id:
            Project.objects.filter(pk=self.project_id).update(**{f"{self.leg}_leg": self.value})
            setattr(self.project, f"{self.leg}_leg", self.value)


class SyncRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SyncRun

    trigger = SyncRun.Trigger.SCHEDULE
    status = SyncRun.Status.OK
    started_at = factory.LazyFunction(timezone.now)


class ChangeRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeRecord

    project = factory.SubFactory(ProjectFactory)
    field = "leg:model"
    old_value = "unknown"
    new_value = "open"


# --- Hub sync: namespaces the sync lists ---

from registry.models import HubNamespace  # noqa: E402


class HubNamespaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubNamespace
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"namespace-{n}")
    tracked = True
