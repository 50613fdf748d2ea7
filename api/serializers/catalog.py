"""Organisations, licences and the catalog's headline numbers."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from api.examples import LICENCE_EXAMPLE, ORGANISATION_EXAMPLE, STATS_EXAMPLE
from registry.models import LicenceClass, Organisation, Project


@extend_schema_serializer(examples=[ORGANISATION_EXAMPLE])
class OrganisationSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The organisation's identifier; filter projects by it.")
    name = serializers.CharField(help_text="The organisation's name.")
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code; empty when not stated.")
    kind = serializers.ChoiceField(
        choices=Organisation.Kind.choices, help_text="What kind of organisation it is.")
    website = serializers.CharField(help_text="Home page URL; empty when unknown.")
    project_count = serializers.IntegerField(help_text="Number of its projects in the registry.")


@extend_schema_serializer(examples=[LICENCE_EXAMPLE])
class LicenceSerializer(serializers.Serializer):
    identifier = serializers.CharField(help_text="The licence id the Hub accepts in a card.")
    name = serializers.CharField(help_text="The licence's name.")
    spdx_id = serializers.CharField(help_text="SPDX identifier; empty when it has none.")
    unrestricted = serializers.BooleanField(
        help_text="True when it restricts neither use nor redistribution.")
    osi_approved = serializers.BooleanField(
        allow_null=True, help_text="Approved by the OSI; null when not applicable.")
    link = serializers.CharField(help_text="Where to read the licence; may be empty.")
    reason = serializers.CharField(help_text="Why we classed it so; may be empty.")

    def get_fields(self):
        # "class" is a Python keyword, so the field cannot be declared as an attribute.
        return {**super().get_fields(), "class": serializers.ChoiceField(
            source="licence_class", choices=LicenceClass.choices,
            help_text="Our class: how open the licence is.")}


class KindCountSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Project.Kind.choices, help_text="A kind of project.")
    label = serializers.CharField(help_text="Its name for people.")
    count = serializers.IntegerField(help_text="Visible projects of that kind.")


@extend_schema_serializer(examples=[STATS_EXAMPLE])
class StatsSerializer(serializers.Serializer):
    projects = serializers.IntegerField(help_text="Visible projects.")
    organisations = serializers.IntegerField(help_text="Organisations.")
    hub_repos = serializers.IntegerField(help_text="Hub repositories attached to a project.")
    by_kind = KindCountSerializer(many=True, help_text="Visible projects per kind.")

    def to_representation(self, stats):
        # get_catalog_stats lists (label, count) in the order of Project.Kind.
        by_kind = [{"kind": kind, "label": label, "count": count}
                   for kind, (label, count) in zip(Project.Kind.values, stats["by_kind"], strict=True)]
        return super().to_representation({**stats, "by_kind": by_kind})
