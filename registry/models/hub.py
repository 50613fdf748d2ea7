"""Repositories on the Hugging Face Hub, the namespaces we watch, and the sync runs that refresh them."""

from urllib.parse import urljoin, urlsplit

from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models.catalog import Organisation, Project


class RepoType(models.TextChoices):
    MODEL = "model", _("Model")
    DATASET = "dataset", _("Dataset")


class CheckpointRole(models.TextChoices):
    """What a model repository is to the project it is attached to."""

    OWN = "own", _("One of the project's own checkpoints")
    BASE = "base", _("Another organisation's base model")
    OTHER_RELEASE = "other-release", _("Another generation or release of the family")


class DataOrigin(models.TextChoices):
    """Where a repository's Hub metadata came from."""

    HUB = "hub", _("Read from the Hub by a sync")
    CARD_COPY = "card-copy", _("Real card front matter from a public copy")
    CONSTRUCTED = "constructed", _("Constructed demo data")
    NONE = "", _("No Hub data yet")


class HubNamespace(models.Model):
    """A Hub user or organisation whose repositories are listed on every sync."""

    name = models.CharField(max_length=100, unique=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="namespaces"
    )
    tracked = models.BooleanField(default=True)
    last_listed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    error_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class HubRepo(models.Model):
    """A model or dataset repository on the Hub, with the metadata last seen there."""

    class SyncStatus(models.TextChoices):
        NEVER = "never", _("Never synced")
        SNAPSHOT = "snapshot", _("From the bundled snapshot")
        OK = "ok", _("Up to date")
        ERROR = "error", _("Last sync failed")
        MISSING = "missing", _("Missing from the Hub")

    class Gated(models.TextChoices):
        NO = "no", _("Not gated")
        AUTO = "auto", _("Automatic approval")
        MANUAL = "manual", _("Manual approval")

    repo_id = models.CharField(max_length=200)
    repo_type = models.CharField(max_length=10, choices=RepoType.choices, default=RepoType.MODEL)
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="hub_repos"
    )
    namespace = models.ForeignKey(
        HubNamespace, null=True, blank=True, on_delete=models.SET_NULL, related_name="repos"
    )
    role = models.CharField(
        max_length=20, choices=CheckpointRole.choices, default=CheckpointRole.OWN,
        help_text="Only the project's own checkpoints decide its legs; a base model feeds inheritance",
    )
    data_origin = models.CharField(max_length=20, choices=DataOrigin.choices, blank=True, default=DataOrigin.NONE)
    data_seen_at = models.DateTimeField(
        null=True, blank=True, help_text="When the registry first saw the Hub data it holds now"
    )
    data_source = models.JSONField(
        default=dict, blank=True, help_text="Where the Hub data was seen: url, copy, seen (for card copies)"
    )
    person_edited = models.JSONField(
        default=list, blank=True, help_text="Fields a person changed; seed loads leave them alone"
    )
    discovered = models.BooleanField(
        default=False, help_text="Found by listing a tracked namespace; awaits a moderator"
    )
    sources = models.JSONField(default=list, blank=True)

    license = models.CharField(max_length=200, blank=True)
    license_name = models.CharField(max_length=200, blank=True)
    license_link = models.CharField(max_length=500, blank=True, help_text="As the Hub gives it; may be relative")
    gated = models.CharField(max_length=10, choices=Gated.choices, default=Gated.NO)
    downloads = models.PositiveBigIntegerField(null=True, blank=True)
    downloads_all_time = models.PositiveBigIntegerField(null=True, blank=True)
    likes = models.PositiveIntegerField(null=True, blank=True)
    parameters = models.PositiveBigIntegerField(null=True, blank=True)
    pipeline_tag = models.CharField(max_length=100, blank=True)
    library_name = models.CharField(max_length=100, blank=True)
    languages = models.JSONField(default=list, blank=True)
    datasets = models.JSONField(default=list, blank=True, help_text="Declared training datasets")
    base_models = models.JSONField(default=list, blank=True)
    tags = models.JSONField(default=list, blank=True)
    card_data = models.JSONField(default=dict, blank=True)
    card_error = models.TextField(blank=True)
    usage_requests = models.JSONField(
        default=list, blank=True,
        help_text="Usage requests in the card's prose (not licence terms), asserted by people",
    )
    training_data_in_prose = models.JSONField(
        default=list, blank=True, help_text="Training data the card's prose names, asserted by people"
    )
    sha = models.CharField(max_length=64, blank=True)
    last_modified = models.DateTimeField(null=True, blank=True)
    raw = models.JSONField(default=dict, blank=True, help_text="The Hub's JSON last seen")

    sync_status = models.CharField(
        max_length=10, choices=SyncStatus.choices, default=SyncStatus.NEVER
    )
    last_synced_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    not_found_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["repo_type", "repo_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["repo_id", "repo_type"],
                name="unique_hub_repo",
                violation_error_message="This Hub repository is already in the registry.",
            ),
        ]
        indexes = [
            models.Index(fields=["sync_status"]),
            models.Index(fields=["license"]),
            # Facet counts (licence class, has Hub data) read these three columns of every repo of the catalog.
            models.Index(fields=["project", "license", "data_origin"], name="hubrepo_project_facets"),
            # The API's Hub repo list order, ending with the primary key (api.pagination).
            models.Index(fields=["repo_type", "repo_id", "id"], name="registry_hubrepo_list_order"),
        ]

    def __str__(self):
        return self.repo_id if self.repo_type == RepoType.MODEL else f"datasets/{self.repo_id}"

    @property
    def hub_url(self):
        prefix = "datasets/" if self.repo_type == RepoType.DATASET else ""
        return f"https://huggingface.co/{prefix}{self.repo_id}"

    @property
    def license_url(self) -> str | None:
        """`license_link` as a link to show: an http(s) URL as is, a relative path (`LICENSE`) resolved
        against the repo's files on the Hub, anything else (`javascript:`, empty) None."""
        link = self.license_link.strip()
        if not link:
            return None
        url = urljoin(f"{self.hub_url}/blob/main/", link)
        return url if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc else None


class DownloadCount(models.Model):
    """A repo's Hub download count (its last 30 days) as a sync saw it change, one row per repo and UTC day: the
    history behind "downloads over time". Bundled snapshots are not syncs and leave none."""

    hub_repo = models.ForeignKey(HubRepo, on_delete=models.CASCADE, related_name="download_counts")
    day = models.DateField()
    downloads = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["day", "hub_repo"]
        constraints = [
            models.UniqueConstraint(fields=["hub_repo", "day"], name="one_download_count_per_repo_and_day"),
        ]

    def __str__(self):
        return f"{self.hub_repo}: {self.downloads} on {self.day}"


class SyncRun(models.Model):
    """One pass of the Hub sync: what it looked at, what it cost and what it changed."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        OK = "ok", _("Succeeded")
        PARTIAL = "partial", _("Partly failed")
        FAILED = "failed", _("Failed")

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("Schedule")
        COMMAND = "command", _("Command line")
        SNAPSHOT = "snapshot", _("Bundled snapshot")
        MANUAL = "manual", _("Moderator")

    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    namespaces = models.JSONField(default=list, blank=True)
    requests_made = models.PositiveIntegerField(default=0)
    repos_changed = models.PositiveIntegerField(default=0)
    repos_unchanged = models.PositiveIntegerField(default=0)
    repos_failed = models.PositiveIntegerField(default=0)
    repos_discovered = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    pending_tasks = models.IntegerField(
        default=0, help_text="Fanned-out tasks not finished yet; the run ends when it reaches 0"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"Sync {self.pk} ({self.get_status_display()}, {self.started_at:%Y-%m-%d %H:%M})"
