"""Code repositories: where a project's training and inference code is published, and under which licence."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models.catalog import Project, SourceDataset


class CodeCoverage(models.TextChoices):
    """What a repository's code covers. Only pre-training code can make the code leg open."""

    PRE_TRAINING = "pre-training", _("Pre-training (and the rest of the pipeline)")
    FINE_TUNING = "fine-tuning", _("Fine-tuning only")
    INFERENCE = "inference", _("Inference only")


class CodeRepository(models.Model):
    """One repository holding code of a project, as evidence for its code leg."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="code_repositories")
    url = models.URLField(max_length=500)
    licence = models.CharField(max_length=100, blank=True, help_text="SPDX or Hub licence id; empty when not checked")
    covers = models.CharField(max_length=20, choices=CodeCoverage.choices)
    source = models.CharField(max_length=20, choices=SourceDataset.choices, default=SourceDataset.MODERATOR)
    source_url = models.URLField(max_length=500, blank=True, help_text="Where the licence and coverage were seen")
    seen_at = models.DateTimeField(default=timezone.now, help_text="When the licence and coverage were seen")
    seen_via = models.CharField(max_length=300, blank=True, help_text="Which copy was read (a stored copy names it)")
    person_edited = models.JSONField(default=list, blank=True, help_text="Fields a person changed")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["project", "url"]
        verbose_name_plural = "code repositories"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "url"], name="unique_code_repository",
                violation_error_message="This code repository is already attached to the project.",
            ),
        ]

    def __str__(self):
        return f"{self.url} ({self.get_covers_display()}, {self.licence or 'licence not checked'})"
