"""Right of reply: people who speak for an organisation, and their replies to the registry's assessments.

A signed-in person asks to represent an organisation with a justification; a moderator approves or rejects the
claim. An approved representative may publish a reply (Markdown) to the assessment of a project of that
organisation, about the whole project or one leg; it is shown on the project page as the organisation's
reply, until a moderator hides it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from registry.models.catalog import Organisation, Project
from registry.models.openness import Leg


class Representative(models.Model):
    """A person's claim to speak for an organisation, and the moderator's decision on it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a moderator"
        APPROVED = "approved", "Verified representative"
        REJECTED = "rejected", "Not accepted"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="representations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="representatives")
    justification = models.TextField(help_text="Who the person is at the organisation and how to check it")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True, help_text="Shown to the person: why not accepted")
    ip_hash = models.CharField(max_length=64, blank=True, help_text="Keyed hash of the sender's address")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], condition=~Q(status="rejected"),
                name="one_open_representation_per_organisation",
                violation_error_message="You already asked to represent this organisation.",
            ),
        ]

    def __str__(self):
        return f"{self.user} for {self.organisation} ({self.get_status_display()})"


class AssessmentReply(models.Model):
    """An organisation's reply to the assessment of one of its projects, published by a verified representative."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="replies")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="replies")
    leg = models.CharField(max_length=10, choices=Leg.choices, blank=True, help_text="Empty: the whole assessment")
    body = models.TextField(help_text="Markdown, rendered with raw HTML disabled and sanitised")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    hidden = models.BooleanField(default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, help_text="Keyed hash of the sender's address")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "created_at", "pk"]
        indexes = [models.Index(fields=["project", "hidden"])]
        verbose_name_plural = "assessment replies"

    def __str__(self):
        return f"{self.organisation}'s reply on {self.project}" + (f" ({self.leg})" if self.leg else "")
