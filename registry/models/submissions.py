"""What people send the registry: new projects, corrections and problem reports, kept as typed until a
moderator decides.

A submission stores the form (or API body) exactly as received (`raw_data`) beside the validated version
(`data`), so nothing typed is lost even if the validation rules change later. The Hub check fills
`hub_check` and `pre_assessment` for the moderator; a failed check is recorded on the row and retried.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    class Kind(models.TextChoices):
        NEW_PROJECT = "new-project", _("New project")
        CORRECTION = "correction", _("Correction")
        PROBLEM_REPORT = "problem-report", _("Problem report")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        NEEDS_CHANGES = "needs-changes", _("Changes requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class CheckStatus(models.TextChoices):
        NOT_NEEDED = "not-needed", _("No Hub repository to check")
        PENDING = "pending", _("Waiting for the Hub check")
        DONE = "done", _("Checked on the Hub")
        FAILED = "failed", _("Hub check failed; it will be retried")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="submissions",
        help_text="Empty for an anonymous problem report (or an account since deleted)",
    )
    # A correction's or report's project; for a new project, the project created when it is approved.
    project = models.ForeignKey(
        "registry.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="submissions"
    )
    raw_data = models.JSONField(help_text="The form fields or API body exactly as received")
    data = models.JSONField(help_text="The validated, structured version of raw_data")
    ip_hash = models.CharField(max_length=64, blank=True, help_text="Keyed hash of the sender's address")

    # The Hub check (registry.services.submission_checks)
    check_status = models.CharField(max_length=20, choices=CheckStatus.choices, default=CheckStatus.NOT_NEEDED)
    hub_check = models.JSONField(default=dict, blank=True, help_text="What the Hub said about each repo id")
    pre_assessment = models.JSONField(
        default=dict, blank=True, help_text="The three legs as the rules read the Hub facts and the submission"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    check_attempts = models.PositiveIntegerField(default=0)
    last_check_error = models.TextField(blank=True)
    last_check_error_at = models.DateTimeField(null=True, blank=True)

    # The moderator's decision
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True, help_text="Shown to the contributor: why rejected, what to change")
    moderator_notes = models.TextField(blank=True, help_text="For moderators only")

    created_at = models.DateTimeField(auto_now_add=True)
    resubmitted_at = models.DateTimeField(null=True, blank=True, help_text="When the current version was sent")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["submitter", "-created_at"]),
            models.Index(fields=["check_status", "last_check_error_at"]),
        ]
        permissions = [("moderate_submission", "Can approve, reject or send back submissions")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}: {self.title}"

    @property
    def title(self) -> str:
        if self.kind == self.Kind.CORRECTION and self.project:
            return f"Correction to {self.project.name}"
        return str(self.data.get("name") or self.data.get("summary") or "")[:200]

    @property
    def display_title(self) -> str:
        """`title` in the active language, for the contributor's pages (`title` stays English for e-mails)."""
        if self.kind == self.Kind.CORRECTION and self.project:
            return gettext("Correction to %(name)s") % {"name": self.project.name}
        return self.title

    def get_absolute_url(self):
        return reverse("registry:submission-detail", kwargs={"pk": self.pk})


class SubmissionVersion(models.Model):
    """An earlier version of a submission, kept when its contributor resubmits it after a moderator asked for
    changes: what was typed then, and the moderator's request it answered."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(help_text="1 for the first version sent, then 2, 3…")
    raw_data = models.JSONField(help_text="The form fields or API body exactly as received then")
    data = models.JSONField(help_text="The validated version of raw_data")
    sent_at = models.DateTimeField(help_text="When this version was sent")
    change_request = models.TextField(blank=True, help_text="What the moderator asked to change in it")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["submission", "number"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="unique_submission_version"),
        ]

    def __str__(self):
        return f"Submission #{self.submission_id}, version {self.number}"
