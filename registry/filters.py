"""The catalog's facets as django-filter FilterSets, shared by the website and the REST API.

Both interfaces pass their query string through the same FilterSet, so a facet means the same
thing on a page and in a dashboard. A value that cannot be understood makes the FilterSet invalid
(the API answers 400 naming the parameter) instead of being silently ignored.
"""

import json
from datetime import UTC, datetime

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet

from registry.models import (
    ChangeRecord,
    DataOrigin,
    HubRepo,
    LegValue,
    Licence,
    LicenceClass,
    Organisation,
    Project,
    RepoType,
    SyncRun,
)
from registry.openness.types import Label
from registry.search import search_projects
from registry.selectors import licence_class_of_repo, with_openness

VISIBLE_STATUSES = [(s.value, s.label) for s in Project.Status if s != Project.Status.HIDDEN]
COUNTRY_CODE = RegexValidator(r"^[A-Za-z]{2}$", "Enter an ISO 3166-1 alpha-2 code, such as FR.")
LANGUAGE_CODE = RegexValidator(r"^[A-Za-z]{2,3}$", "Enter an ISO 639 code, such as fr.")


class StrictBooleanField(forms.Field):
    """`true` or `false` (also `1`/`0`, any case); anything else is an error, not "no filter"."""

    VALUES = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value):
        if value in (None, ""):
            return None
        try:
            return self.VALUES[str(value).lower()]
        except KeyError:
            raise ValidationError("Enter true or false.", code="invalid") from None


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField


def json_list_contains(field: str, item: str, *, using: str) -> Q:
    """Rows whose JSON list `field` holds `item`, on databases with and without JSON containment."""
    if connections[using].features.supports_json_field_contains:
        return Q(**{f"{field}__contains": [item]})
    # SQLite: match the quoted item in the stored JSON text; codes contain no quote to escape.
    return Q(**{f"{field}__icontains": json.dumps(item)})


def _leg_filter(leg: str) -> filters.ChoiceFilter:
    return filters.ChoiceFilter(
        choices=LegValue.choices, method="filter_leg", field_name=leg,
        help_text=f"Effective value of the {leg} leg (a moderator override wins); "
                  "`unknown` includes subjects not assessed yet.",
    )


class OpennessFilters(filters.FilterSet):
    """Openness facets, for any queryset that `with_openness` understands."""

    code = _leg_filter("code")
    model = _leg_filter("model")
    corpus = _leg_filter("corpus")
    e2e = StrictBooleanFilter(
        method="filter_e2e", help_text="`true`: all three legs are open (E2E open)."
    )
    label = filters.ChoiceFilter(
        choices=[(label.value, label.value) for label in Label], method="filter_label",
        help_text="The short openness label, exactly as shown in `openness.label`.",
    )

    def filter_leg(self, queryset, name, value: str):
        return with_openness(queryset).filter(**{f"{name}_value": value})

    def filter_e2e(self, queryset, name, value: bool):
        e2e = Q(code_value=LegValue.OPEN, model_value=LegValue.OPEN, corpus_value=LegValue.OPEN)
        return with_openness(queryset).filter(e2e if value else ~e2e)

    def filter_label(self, queryset, name, value: str):
        return with_openness(queryset).filter(openness_label=value)


EARLIEST_UPDATE = datetime(1970, 1, 1, tzinfo=UTC)


def _no_earlier_than_1970(value: datetime) -> None:
    # Nothing in the catalog predates 1970, and PostgreSQL rejects some far-past instants with odd offsets.
    if value is not None and value < EARLIEST_UPDATE:
        raise ValidationError("Use a date-time on or after 1970-01-01T00:00:00Z.")


def _updated_since() -> filters.IsoDateTimeFilter:
    return filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", validators=[_no_earlier_than_1970],
        help_text="Only rows updated at or after this ISO 8601 date-time (UTC when no offset), "
                  "on or after 1970-01-01.",
    )


class ProjectFilterSet(OpennessFilters):
    search = filters.CharFilter(
        method="filter_search",
        help_text="Words to find in the name, slug, summary or an organisation's name "
                  "(full-text web-search syntax on PostgreSQL).",
    )
    kind = filters.ChoiceFilter(choices=Project.Kind.choices, help_text="The kind of project.")
    status = filters.ChoiceFilter(choices=VISIBLE_STATUSES, help_text="Active or archived.")
    country = filters.CharFilter(
        method="filter_country", validators=[COUNTRY_CODE],
        help_text="ISO 3166-1 alpha-2 code of one of the project's countries, such as `FR`.",
    )
    language = filters.CharFilter(
        method="filter_language", validators=[LANGUAGE_CODE],
        help_text="ISO 639 code of one of the project's languages, such as `fr`.",
    )
    organisation = filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), to_field_name="slug", method="filter_organisation",
        help_text="Slug of one of the project's organisations.",
    )
    license = filters.ModelChoiceFilter(
        queryset=Licence.objects.all(), to_field_name="identifier", method="filter_license",
        help_text="Hub licence id carried by any of the project's Hub repos, such as `apache-2.0`.",
    )
    license_class = filters.ChoiceFilter(
        choices=LicenceClass.choices, method="filter_license_class",
        help_text="Our class of the licence of any of the project's Hub repos; `unknown` when it is not in our table.",
    )
    has_hub_data = StrictBooleanFilter(
        method="filter_has_hub_data",
        help_text="`true`: at least one of the project's Hub repos holds metadata read from the Hub or a copy of it.",
    )
    needs_review = StrictBooleanFilter(
        help_text="`true`: synced facts contradict a moderator override."
    )
    updated_since = _updated_since()

    class Meta:
        model = Project
        fields = []

    def filter_search(self, queryset, name, value: str):
        return search_projects(queryset, value)

    def filter_country(self, queryset, name, value: str):
        return queryset.filter(json_list_contains("countries", value.upper(), using=queryset.db))

    def filter_language(self, queryset, name, value: str):
        return queryset.filter(json_list_contains("languages", value.lower(), using=queryset.db))

    def filter_organisation(self, queryset, name, value: Organisation):
        return queryset.filter(organisations=value)

    def filter_license(self, queryset, name, value: Licence):
        repos = HubRepo.objects.filter(project=OuterRef("pk"), license=value.identifier)
        return queryset.filter(Exists(repos))

    def filter_license_class(self, queryset, name, value: str):
        repos = HubRepo.objects.filter(project=OuterRef("pk")).alias(cls=licence_class_of_repo()).filter(cls=value)
        return queryset.filter(Exists(repos))

    def filter_has_hub_data(self, queryset, name, value: bool):
        repos = HubRepo.objects.filter(project=OuterRef("pk")).exclude(data_origin=DataOrigin.NONE)
        return queryset.filter(Exists(repos) if value else ~Exists(repos))

    def filter_queryset_without(self, facet: str | None, queryset: QuerySet | None = None) -> QuerySet:
        """The rows of `queryset` (default: this FilterSet's) that every valid filter but `facet` keeps: what
        choosing another value of `facet` would show."""
        queryset = self.queryset if queryset is None else queryset
        for name, value in self.form.cleaned_data.items():
            if name != facet:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


class HubRepoFilterSet(OpennessFilters):
    """Facets of Hub repos; `license_class` needs the annotation `list_hub_repos` adds."""

    search = filters.CharFilter(
        field_name="repo_id", lookup_expr="icontains", help_text="Part of the repo id."
    )
    repo_type = filters.ChoiceFilter(choices=RepoType.choices, help_text="Model or dataset.")
    project = filters.ModelChoiceFilter(
        queryset=Project.objects.exclude(status=Project.Status.HIDDEN), to_field_name="slug",
        method="filter_project", help_text="Slug of the project the repo belongs to.",
    )
    license = filters.ModelChoiceFilter(
        queryset=Licence.objects.all(), to_field_name="identifier", method="filter_license",
        help_text="Hub licence id the repo declares, such as `apache-2.0`.",
    )
    license_class = filters.ChoiceFilter(
        choices=LicenceClass.choices,
        help_text="Our class of the repo's licence; `unknown` when the licence is not in our table.",
    )
    gated = filters.ChoiceFilter(choices=HubRepo.Gated.choices, help_text="Access gating on the Hub.")
    pipeline_tag = filters.CharFilter(help_text="The Hub's pipeline tag, such as `text-generation`.")
    sync_status = filters.ChoiceFilter(
        choices=HubRepo.SyncStatus.choices, help_text="Outcome of the last sync of this repo."
    )
    updated_since = _updated_since()

    class Meta:
        model = HubRepo
        fields = []

    def filter_project(self, queryset, name, value: Project):
        return queryset.filter(project=value)

    def filter_license(self, queryset, name, value: Licence):
        return queryset.filter(license=value.identifier)


class OrganisationFilterSet(filters.FilterSet):
    search = filters.CharFilter(method="filter_search", help_text="Part of the name or slug.")
    country = filters.CharFilter(
        method="filter_country", validators=[COUNTRY_CODE],
        help_text="ISO 3166-1 alpha-2 code, such as `FR`.",
    )
    kind = filters.ChoiceFilter(
        choices=Organisation.Kind.choices, help_text="The kind of organisation."
    )

    class Meta:
        model = Organisation
        fields = []

    def filter_search(self, queryset, name, value: str):
        return queryset.filter(Q(name__icontains=value) | Q(slug__icontains=value))

    def filter_country(self, queryset, name, value: str):
        return queryset.filter(country=value.upper())


class LicenceFilterSet(filters.FilterSet):
    unrestricted = StrictBooleanFilter(
        help_text="`true`: the licence puts no restriction on use or redistribution."
    )

    class Meta:
        model = Licence
        fields = []


# "class" is a Python keyword, so this parameter cannot be declared as a class attribute.
LicenceFilterSet.base_filters["class"] = filters.ChoiceFilter(
    field_name="licence_class", choices=LicenceClass.choices, help_text="Our class of the licence."
)


class ChangeRecordFilterSet(filters.FilterSet):
    project = filters.ModelChoiceFilter(
        queryset=Project.objects.exclude(status=Project.Status.HIDDEN), to_field_name="slug",
        method="filter_project",
        help_text="Slug of a project: its own changes and those of its Hub repos.",
    )
    field = filters.CharFilter(help_text="What changed, such as `license`, `gated` or `leg:model`.")
    since = filters.IsoDateTimeFilter(
        field_name="created_at", lookup_expr="gte",
        help_text="Changes at or after this ISO 8601 date-time.",
    )
    until = filters.IsoDateTimeFilter(
        field_name="created_at", lookup_expr="lt", help_text="Changes before this ISO 8601 date-time."
    )

    class Meta:
        model = ChangeRecord
        fields = []

    def filter_project(self, queryset, name, value: Project):
        return queryset.filter(Q(project=value) | Q(hub_repo__project=value))


class SyncRunFilterSet(filters.FilterSet):
    status = filters.ChoiceFilter(choices=SyncRun.Status.choices, help_text="Outcome of the run.")
    trigger = filters.ChoiceFilter(choices=SyncRun.Trigger.choices, help_text="What started the run.")

    class Meta:
        model = SyncRun
        fields = []
