"""What changed and when: the change log and the Hub sync runs."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from api.examples import CHANGE_EXAMPLE, SYNC_RUN_EXAMPLE
from api.serializers.projects import HubRepoRefSerializer
from registry.models import SyncRun


@extend_schema_serializer(examples=[CHANGE_EXAMPLE])
class ChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The change's number; later changes have larger ones.")
    project = serializers.SlugField(
        source="project.slug", allow_null=True,
        help_text="Slug of the project the change concerns; may be null for a change to a Hub repo.")
    hub_repo = HubRepoRefSerializer(
        allow_null=True, help_text="The Hub repo that changed; null for a change to the project itself.")
    field = serializers.CharField(help_text="What changed, such as `license`, `gated`, `leg:model`.")
    old_value = serializers.JSONField(allow_null=True, help_text="The value before; any JSON.")
    new_value = serializers.JSONField(allow_null=True, help_text="The value after; any JSON.")
    reason = serializers.CharField(help_text="Why it changed; may be empty.")
    sync_run = serializers.IntegerField(
        source="sync_run_id", allow_null=True,
        help_text="Id of the sync run that made the change; null otherwise.")
    cause = serializers.CharField(
        help_text="What caused the change when neither a sync run nor a moderator did (such as a seed load "
                  "of the catalog); empty otherwise.")
    by_moderator = serializers.SerializerMethodField(
        help_text="True when a moderator made the change.")
    created_at = serializers.DateTimeField(help_text="When it changed.")

    def get_by_moderator(self, change) -> bool:
        return change.changed_by_id is not None


@extend_schema_serializer(examples=[SYNC_RUN_EXAMPLE])
class SyncRunSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The run's number.")
    trigger = serializers.ChoiceField(choices=SyncRun.Trigger.choices, help_text="What started it.")
    status = serializers.ChoiceField(choices=SyncRun.Status.choices, help_text="How it went.")
    started_at = serializers.DateTimeField(help_text="When it started.")
    finished_at = serializers.DateTimeField(allow_null=True, help_text="When it ended; null while running.")
    namespaces = serializers.ListField(
        child=serializers.CharField(), help_text="Hub namespaces it listed.")
    requests_made = serializers.IntegerField(help_text="Calls made to the Hub.")
    repos_changed = serializers.IntegerField(help_text="Repos whose data changed.")
    repos_unchanged = serializers.IntegerField(help_text="Repos found unchanged.")
    repos_failed = serializers.IntegerField(help_text="Repos whose sync failed.")
    repos_discovered = serializers.IntegerField(help_text="New repos found in tracked namespaces.")
    errors = serializers.JSONField(help_text="The errors met, as recorded (a list).")
    note = serializers.CharField(help_text="A note about the run; may be empty.")
