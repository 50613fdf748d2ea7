"""The API's index at /api/v1/: where each resource, the schema and the docs are."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from api.examples import INDEX_EXAMPLE


class ResourceLinksSerializer(serializers.Serializer):
    projects = serializers.URLField(help_text="Projects with their openness, filterable.")
    hub_repos = serializers.URLField(help_text="Hugging Face Hub repositories of the projects.")
    organisations = serializers.URLField(help_text="Organisations and their number of projects.")
    licenses = serializers.URLField(help_text="Licence identifiers and how open each one is.")
    changes = serializers.URLField(help_text="The history of openness and metadata changes.")
    stats = serializers.URLField(help_text="The catalog's headline numbers.")
    sync_runs = serializers.URLField(help_text="Hub sync runs.")


@extend_schema_serializer(examples=[INDEX_EXAMPLE])
class ApiIndexSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="The API's version, part of every path.")
    resources = ResourceLinksSerializer(help_text="Each resource's absolute URL.")
    schema = serializers.URLField(help_text="The OpenAPI 3 schema (YAML; JSON with ?format=json).")
    docs = serializers.URLField(help_text="Interactive documentation of the API.")
