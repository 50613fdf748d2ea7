"""Organisations and the projects they build: the catalog a visitor browses."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.models.leg_values import LegValue


class SourceDataset(models.TextChoices):
    """Where a catalog record came from."""

    OPENLLM_EUROPE = "openllm-europe", _("OpenLLM-Europe project list")
    OSAI_INDEX = "osai-index", _("European Open Source AI Index")
    CURATED = "curated", _("Registry curation")
    CONTRIBUTOR = "contributor", _("Contributor submission")
    MODERATOR = "moderator", _("Moderator")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        LAB = "lab", _("Research lab")
        COMPANY = "company", _("Company")
        UNIVERSITY = "university", _("University")
        PUBLIC_BODY = "public-body", _("Public body")
        COMMUNITY = "community", _("Community")
        UNKNOWN = "unknown", _("Not stated")

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UNKNOWN)
    website = models.URLField(max_length=500, blank=True)
    notes = models.TextField(blank=True)
    sources = models.JSONField(default=list, blank=True, help_text="Where this record came from")
    person_edited = models.JSONField(
        default=list, blank=True, help_text="Fields a person changed; seed loads leave them alone"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["country"])]

    def __str__(self):
        return self.name


class Project(models.Model):
    class Kind(models.TextChoices):
        MODEL_FAMILY = "model-family", _("Model family")
        DATASET = "dataset", _("Dataset")
        TOOL = "tool", _("Tool")
        INITIATIVE = "initiative", _("Initiative")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")
        HIDDEN = "hidden", _("Hidden")

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True, help_text="Markdown; rendered and sanitised")
    organisations = models.ManyToManyField(Organisation, related_name="projects", blank=True)
    countries = models.JSONField(default=list, blank=True, help_text="ISO 3166-1 alpha-2 codes")
    languages = models.JSONField(default=list, blank=True, help_text="ISO 639 codes")
    website = models.URLField(max_length=500, blank=True)
    code_url = models.URLField(max_length=500, blank=True)
    paper_url = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    sources = models.JSONField(default=list, blank=True, help_text="Where this record came from")
    schemes = models.JSONField(
        default=dict, blank=True, help_text="Other openness schemes computed from the same evidence"
    )
    base_models = models.JSONField(
        default=list, blank=True,
        help_text="Hub ids of other organisations' base models the family is built on (inheritance of corpus and code)",
    )
    needs_review = models.BooleanField(
        default=False, help_text="Synced facts contradict a moderator override, or sources disagree on a leg"
    )
    review_reason = models.TextField(blank=True)
    review_details = models.JSONField(
        default=list, blank=True, help_text="Structured reasons for review: leg, sources and their values"
    )
    person_edited = models.JSONField(
        default=list, blank=True, help_text="Fields a person changed; seed loads leave them alone"
    )
    # The effective value of each leg (a moderator override wins), copied from the project's LegAssessment rows by
    # the openness recompute, so that facets, filters and counts over the whole catalog read one column.
    code_leg = models.CharField(max_length=10, choices=LegValue.choices, default=LegValue.UNKNOWN, editable=False)
    model_leg = models.CharField(max_length=10, choices=LegValue.choices, default=LegValue.UNKNOWN, editable=False)
    corpus_leg = models.CharField(max_length=10, choices=LegValue.choices, default=LegValue.UNKNOWN, editable=False)
    # Written by registry.services.search_index on PostgreSQL (name, slug, summary, organisation names);
    # its GIN index is created by migration 0011 on PostgreSQL only, so it is not declared in Meta.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["-updated_at"]),
            # The visible projects' ids without reading their wide rows: what facet counts join Hub repos with.
            models.Index(fields=["id"], condition=~models.Q(status="hidden"), name="project_visible_ids"),
            # The orders of the API's project list and the site's (each ending with the primary key), so that a
            # page is read from an index rather than by sorting every project.
            models.Index(fields=["name", "id"], name="registry_project_name_id"),
            models.Index(Lower("name"), "id", name="registry_project_lower_name_id"),
            models.Index(fields=["created_at", "id"], name="registry_project_created_id"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:project-detail", kwargs={"slug": self.slug})


class CatalogVersion(models.Model):
    """One row: a stamp of the whole catalog, changed by every write that changes what visitors see.

    It lives in the database so that every process (web workers, Celery workers, management commands) sees a
    change as soon as it commits, whatever cache each process has.
    """

    version = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
