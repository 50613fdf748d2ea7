"""Openness storage: per-leg assessments, the evidence behind them and their append-only history.

The rules that compute values live in ``registry.openness``; this module only stores results.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from registry.models.catalog import Project, SourceDataset
from registry.models.hub import HubRepo, SyncRun
from registry.models.leg_values import Leg, LegValue


def _exactly_one_subject():
    return Q(project__isnull=False, hub_repo__isnull=True) | Q(
        project__isnull=True, hub_repo__isnull=False
    )


class LegAssessment(models.Model):
    """One leg of one subject: a project (summary of its models) or a single model repository."""

    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="legs"
    )
    hub_repo = models.ForeignKey(
        HubRepo, null=True, blank=True, on_delete=models.CASCADE, related_name="legs"
    )
    leg = models.CharField(max_length=10, choices=Leg.choices)
    computed_value = models.CharField(
        max_length=10, choices=LegValue.choices, default=LegValue.UNKNOWN
    )
    reason = models.CharField(max_length=500, blank=True)
    decided_by = models.CharField(
        max_length=200, blank=True, help_text="For a project: the checkpoint whose value it shows, if one decided"
    )
    facts = models.JSONField(default=list, blank=True, help_text="Evidence used, one reason each")
    caveats = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    override_value = models.CharField(max_length=10, choices=LegValue.choices, blank=True)
    override_justification = models.TextField(blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overridden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["leg"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_subject(), name="leg_assessment_has_one_subject"
            ),
            models.UniqueConstraint(
                fields=["project", "leg"],
                condition=Q(project__isnull=False),
                name="unique_project_leg",
            ),
            models.UniqueConstraint(
                fields=["hub_repo", "leg"],
                condition=Q(hub_repo__isnull=False),
                name="unique_repo_leg",
            ),
            models.CheckConstraint(
                condition=Q(override_value="") | ~Q(override_justification=""),
                name="override_needs_justification",
                violation_error_message="An override needs a written justification.",
            ),
        ]

    def __str__(self):
        return f"{self.project or self.hub_repo}: {self.leg} {self.value}"

    @property
    def value(self):
        return self.override_value or self.computed_value

    @property
    def source(self):
        return "override" if self.override_value else "computed"


class Evidence(models.Model):
    """A fact asserted by a person or a published assessment, as input to the rules."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evidence")
    hub_repo = models.ForeignKey(
        HubRepo, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    leg = models.CharField(max_length=10, choices=Leg.choices)
    value = models.CharField(max_length=10, choices=LegValue.choices)
    source = models.CharField(max_length=20, choices=SourceDataset.choices)
    source_key = models.CharField(
        max_length=100, blank=True, help_text="Natural key within the source, for idempotent loads"
    )
    url = models.URLField(max_length=500, blank=True)
    statement = models.TextField(help_text="What the source shows")
    quote = models.TextField(blank=True, help_text="The source's own words")
    seen_via = models.CharField(max_length=300, blank=True, help_text="Which copy was read (a stored copy names it)")
    person_edited = models.JSONField(default=list, blank=True, help_text="Fields a person changed")
    attribution = models.CharField(max_length=500, blank=True)
    datasets = models.JSONField(
        default=list, blank=True, help_text="Training datasets this fact names (corpus leg)"
    )
    seen_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["leg", "source", "source_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "source", "source_key"],
                condition=~Q(source_key=""),
                name="unique_evidence_source_key",
            ),
        ]
        verbose_name_plural = "evidence"

    def __str__(self):
        return f"{self.project}: {self.leg} {self.value} ({self.source})"


class IndexAssessment(models.Model):
    """A project's assessment in the European Open Source AI Index (CC-BY-4.0), kept verbatim."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="index_assessment"
    )
    system_name = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    source_file = models.CharField(max_length=200)
    source_commit = models.CharField(max_length=40)
    end_model_name = models.CharField(max_length=200, blank=True)
    end_model_license = models.CharField(max_length=200, blank=True)
    dimensions = models.JSONField(default=dict)
    score = models.FloatField(null=True, blank=True)
    release_month = models.CharField(
        max_length=7, blank=True, help_text="The Index's earliest release of the system, YYYY-MM as it writes it"
    )

    def __str__(self):
        return f"OSAI Index: {self.system_name}"


class ChangeRecord(models.Model):
    """Append-only history of openness and metadata changes."""

    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    hub_repo = models.ForeignKey(
        HubRepo, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    field = models.CharField(max_length=100, help_text="e.g. license, gated, leg:model")
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    cause = models.CharField(
        max_length=200, blank=True, help_text="What caused the change when no sync run or person did (e.g. a seed load)"
    )
    sync_run = models.ForeignKey(
        SyncRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.field}: {self.old_value} → {self.new_value}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Change records are append-only.")
        super().save(*args, **kwargs)
