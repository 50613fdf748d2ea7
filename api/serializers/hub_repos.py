"""Hub repositories: the metadata last synced from the Hub, the checkpoint's legs, the sync state."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from api.examples import HUB_REPO_EXAMPLE
from api.links import hub_repo_links
from api.serializers.openness import CheckpointOpennessSerializer
from registry.models import CheckpointRole, DataOrigin, HubRepo, LicenceClass, RepoType


def strings(help_text: str, **kwargs) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), help_text=help_text, **kwargs)


def count(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(allow_null=True, min_value=0, help_text=help_text)


class SyncStateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        source="sync_status", choices=HubRepo.SyncStatus.choices,
        help_text="Outcome of the last sync; the last good data stays when it fails.")
    last_synced_at = serializers.DateTimeField(
        allow_null=True, help_text="When the Hub last answered for this repo; null if never.")
    last_error = serializers.CharField(help_text="The last sync error; empty after a success.")
    error_count = serializers.IntegerField(help_text="Failed syncs in a row.")


class HubRepoLinksSerializer(serializers.Serializer):
    hub = serializers.URLField(help_text="The repository on the Hugging Face Hub.")
    api = serializers.URLField(help_text="This resource in the API.")

    def to_representation(self, repo):
        return super().to_representation(hub_repo_links(self.context.get("request"), repo))


@extend_schema_serializer(examples=[HUB_REPO_EXAMPLE])
class HubRepoSerializer(serializers.Serializer):
    repo_id = serializers.CharField(help_text="The Hub's id, `namespace/name`.")
    repo_type = serializers.ChoiceField(choices=RepoType.choices, help_text="Model or dataset.")
    project = serializers.SlugField(
        source="project.slug", help_text="Slug of the registry project the repo belongs to.")
    role = serializers.ChoiceField(
        choices=CheckpointRole.choices,
        help_text="`own`: one of the project's checkpoints (they decide its legs); `base`: another "
                  "organisation's base model (feeds inheritance of corpus and code only); `other-release`: "
                  "another generation or release of the family.")
    data_origin = serializers.ChoiceField(
        choices=DataOrigin.choices,
        help_text="Where the Hub data below came from: `hub` (read from the Hub by a sync), `card-copy` (real "
                  "card front matter from a public copy, named in `data_source`), `constructed` (constructed "
                  "demo data, never read from the Hub: do not rely on it), empty (no Hub data yet).")
    data_source = serializers.JSONField(
        help_text="Where the Hub data was seen, as recorded: for a card copy `url` (the card), `copy` (which "
                  "public copy was read) and `seen` (date); empty otherwise.")
    data_seen_at = serializers.DateTimeField(
        allow_null=True, help_text="When the registry first saw the Hub data it holds now; null if none.")
    license = serializers.CharField(help_text="Licence id the repo declares; empty if none yet.")
    license_class = serializers.ChoiceField(
        choices=LicenceClass.choices,
        help_text="Our class of that licence; `unknown` when it is not in our licence table.")
    gated = serializers.ChoiceField(choices=HubRepo.Gated.choices, help_text="Access gating.")
    downloads = count("Downloads in the last 30 days; null until synced.")
    likes = count("Likes on the Hub; null until synced.")
    parameters = count("Number of parameters (models); null when unknown.")
    pipeline_tag = serializers.CharField(help_text="The Hub's pipeline tag; may be empty.")
    languages = strings("Languages the card declares.")
    datasets = strings("Training datasets the card declares (Hub dataset ids).")
    base_model = strings("Base models the card declares (a list: merges have several).",
                         source="base_models")
    sha = serializers.CharField(help_text="The Hub revision last synced; empty until synced.")
    last_modified = serializers.DateTimeField(
        allow_null=True, help_text="When the repo last changed on the Hub; null until synced.")
    openness = CheckpointOpennessSerializer(
        source="*", allow_null=True,
        help_text="The legs computed for this checkpoint (models only; null for datasets).")
    sync = SyncStateSerializer(source="*", help_text="The state of this repo's Hub sync.")
    updated_at = serializers.DateTimeField(help_text="When the registry's record last changed.")
    links = HubRepoLinksSerializer(source="*", help_text="Where else the repo lives.")
