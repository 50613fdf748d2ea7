"""Projects: what a visitor sees on a project's page, as JSON."""

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from api.examples import PROJECT_EXAMPLE
from api.links import project_links
from api.serializers.openness import OpennessSerializer
from registry.models import CheckpointRole, CodeCoverage, DataOrigin, Project, RepoType


def codes(help_text: str) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), help_text=help_text)


class OrganisationRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The organisation's identifier in the registry.")
    name = serializers.CharField(help_text="The organisation's name.")
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code; empty when not stated.")


class HubRepoRefSerializer(serializers.Serializer):
    repo_type = serializers.ChoiceField(choices=RepoType.choices, help_text="Model or dataset.")
    repo_id = serializers.CharField(help_text="The Hub's id, `namespace/name`.")
    role = serializers.ChoiceField(
        choices=CheckpointRole.choices,
        help_text="`own`: one of the project's checkpoints (they decide its legs); `base`: another "
                  "organisation's base model (feeds inheritance only); `other-release`: another generation.")
    data_origin = serializers.ChoiceField(
        choices=DataOrigin.choices,
        help_text="Where its Hub data came from: `hub` (a sync), `card-copy` (real card front matter from a "
                  "public copy), `constructed` (constructed demo data), empty (none yet).")


class ReviewSourceSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="Who holds this value (the Hub, a moderator, the OSAI Index…).")
    value = serializers.ChoiceField(choices=["open", "partial", "closed"], help_text="Its value for the leg.")


class ReviewDetailSerializer(serializers.Serializer):
    leg = serializers.ChoiceField(choices=["code", "model", "corpus"], help_text="The leg in dispute.")
    shown = serializers.ChoiceField(
        choices=["open", "partial", "closed", "unknown"], help_text="The value shown until a moderator decides.")
    sources = ReviewSourceSerializer(many=True, help_text="Each source's known value.")


class CodeRepositorySerializer(serializers.Serializer):
    url = serializers.URLField(help_text="The repository.")
    licence = serializers.CharField(help_text="SPDX or Hub licence id; empty when nobody checked it yet.")
    covers = serializers.ChoiceField(
        choices=CodeCoverage.choices, help_text="What the code covers; only pre-training code can make the code "
                                                "leg open.")
    source_url = serializers.CharField(help_text="Where the licence and coverage were seen.")
    seen_at = serializers.DateTimeField(help_text="When they were seen.")


@extend_schema_field({
    "type": "object", "additionalProperties": True,
    "description": "Verdicts of other openness schemes (such as `osai_index`, `mof`, `osaid`) "
                   "computed from the same evidence, keyed by scheme; empty until computed.",
})
class SchemesField(serializers.JSONField):
    pass


# What a compact list row keeps of each scheme: its verdict, and for the Index the attribution its licence asks.
COMPACT_SCHEME_KEYS = ("scheme", "value", "met", "estimate", "dimensions_counted", "system", "url", "attribution")


class SchemesSerializer(serializers.Serializer):
    osai_index_score = serializers.FloatField(
        source="index_assessment.score", allow_null=True,
        help_text="Score in the European Open Source AI Index (CC-BY-4.0, osai-index.eu); "
                  "null when the Index has not assessed the project.")
    schemes = SchemesField(help_text="The other schemes' verdicts, as stored; in a list row without "
                                     "`?expand=schemes`, only each verdict (no dimensions, reasons or citation).")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("with_schemes", True):  # a compact list (api.views.base.ApiListView)
            data["schemes"] = {name: _compact(verdict) for name, verdict in (data["schemes"] or {}).items()}
        return data


def _compact(verdict):
    """A scheme's verdict without its details; a scheme that gave none (null) stays as stored."""
    if not isinstance(verdict, dict):
        return verdict
    return {key: verdict[key] for key in COMPACT_SCHEME_KEYS if key in verdict}


class ProjectLinksSerializer(serializers.Serializer):
    html = serializers.URLField(help_text="The project's page on the registry.")
    badge = serializers.URLField(help_text="The project's openness badge (SVG).")
    api = serializers.URLField(help_text="This resource in the API.")

    def to_representation(self, project):
        return super().to_representation(project_links(self.context.get("request"), project))


@extend_schema_serializer(examples=[PROJECT_EXAMPLE])
class ProjectSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The project's identifier in the registry and the API.")
    name = serializers.CharField(help_text="The project's name.")
    kind = serializers.ChoiceField(choices=Project.Kind.choices, help_text="What the project is.")
    summary = serializers.CharField(help_text="One or two sentences; may be empty.")
    organisations = OrganisationRefSerializer(many=True, help_text="Who builds it, by name.")
    countries = codes("ISO 3166-1 alpha-2 codes of the countries involved.")
    languages = codes("ISO 639 codes of the languages it targets.")
    website = serializers.CharField(help_text="Home page URL; empty when unknown.")
    code_url = serializers.CharField(help_text="Source code URL; empty when unknown.")
    code_repositories = CodeRepositorySerializer(
        many=True, help_text="Repositories holding the project's code, with licence and coverage.")
    paper_url = serializers.CharField(help_text="Paper or report URL; empty when unknown.")
    hub_repos = HubRepoRefSerializer(many=True, help_text="Its repositories on the Hugging Face Hub.")
    openness = OpennessSerializer(source="*", help_text="How open the project is, leg by leg.")
    schemes = SchemesSerializer(source="*", help_text="How other openness schemes rate it.")
    status = serializers.ChoiceField(
        choices=["active", "archived"], help_text="`archived` projects are no longer developed.")
    needs_review = serializers.BooleanField(
        help_text="True when synced facts contradict a moderator override, or when sources disagree on a leg "
                  "that no override settles.")
    review_details = ReviewDetailSerializer(
        many=True, help_text="Each leg on which sources disagree: the value shown and every source's value.")
    created_at = serializers.DateTimeField(help_text="When the project entered the registry.")
    updated_at = serializers.DateTimeField(help_text="When the project's record last changed.")
    links = ProjectLinksSerializer(source="*", help_text="Where else the project lives.")
