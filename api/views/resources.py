"""The catalog's resources: projects, Hub repos, organisations, licences and the headline numbers.

Each view asks a selector of `registry.selectors` for its rows and a FilterSet of
`registry.filters` for its facets, the same ones the website uses.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound

from api.serializers import (
    HubRepoSerializer,
    LicenceSerializer,
    OrganisationSerializer,
    ProjectSerializer,
    StatsSerializer,
)
from api.views.base import EVIDENCE, SCHEMES, ApiDetailView, ApiListView
from registry import selectors
from registry.filters import (
    HubRepoFilterSet,
    LicenceFilterSet,
    OrganisationFilterSet,
    ProjectFilterSet,
)
from registry.models import HubRepo, Project, RepoType

EXPAND_EVIDENCE = OpenApiParameter(
    "expand", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=["evidence"],
    description="`evidence` adds each leg's `evidence` to the rows (lists are compact without it; "
                "a single resource always has it).")
EXPAND_PROJECT_ROWS = OpenApiParameter(
    "expand", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=["evidence", "schemes", "evidence,schemes"],
    description="`evidence` adds each leg's `evidence` to the rows; `schemes` each other scheme's details "
                "(the Index's dimensions, every scheme's reasons). Lists are compact without them; a single "
                "resource always has them. Both: `expand=evidence,schemes`.")


@extend_schema_view(get=extend_schema(summary="List projects", parameters=[EXPAND_PROJECT_ROWS]))
class ProjectList(ApiListView):
    """Visible projects with their openness, filtered by the website's facets; each leg's evidence only with
    `?expand=evidence`, the other schemes' details only with `?expand=schemes`."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    ordering_fields = ["name", "slug", "created_at", "updated_at"]
    ordering = ["name"]
    expansions = (EVIDENCE, SCHEMES)

    def get_queryset(self):
        return selectors.list_project_rows(with_evidence=self.with_evidence())


@extend_schema_view(get=extend_schema(summary="Get a project", parameters=[
    OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH,
                     description="The project's slug, such as `lucie`."),
]))
class ProjectDetail(ApiDetailView):
    """One visible project, by slug."""

    serializer_class = ProjectSerializer

    def get_object(self):
        try:
            return selectors.get_project(slug=self.kwargs["slug"])
        except Project.DoesNotExist:
            raise NotFound(f"No project with slug '{self.kwargs['slug']}'.") from None


@extend_schema_view(get=extend_schema(summary="List Hub repositories", parameters=[EXPAND_EVIDENCE]))
class HubRepoList(ApiListView):
    """Hub repositories of visible projects, with the metadata last synced and their sync state; each leg's
    evidence only with `?expand=evidence`."""

    serializer_class = HubRepoSerializer
    filterset_class = HubRepoFilterSet
    ordering_fields = ["repo_id", "downloads", "likes", "parameters", "last_modified",
                       "last_synced_at", "updated_at"]
    ordering = ["repo_type", "repo_id"]
    expansions = (EVIDENCE,)

    def get_queryset(self):
        return selectors.list_hub_repos(with_evidence=self.with_evidence())


@extend_schema_view(get=extend_schema(summary="Get a Hub repository", parameters=[
    OpenApiParameter("repo_type", OpenApiTypes.STR, OpenApiParameter.PATH, enum=RepoType.values,
                     description="`model` or `dataset`."),
    OpenApiParameter("repo_id", OpenApiTypes.STR, OpenApiParameter.PATH,
                     description="The Hub's id, `namespace/name`; its slash stays as it is."),
]))
class HubRepoDetail(ApiDetailView):
    """One Hub repository of a visible project, by type and Hub id."""

    serializer_class = HubRepoSerializer

    def get_object(self):
        try:
            return selectors.get_hub_repo(**self.kwargs)
        except HubRepo.DoesNotExist:
            raise NotFound(f"No {self.kwargs['repo_type']} repo '{self.kwargs['repo_id']}'.") from None


@extend_schema_view(get=extend_schema(summary="List organisations"))
class OrganisationList(ApiListView):
    """Organisations that build the projects, with the number of their projects."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    ordering_fields = ["name", "country", "project_count"]
    ordering = ["name"]

    def get_queryset(self):
        return selectors.list_organisations()


@extend_schema_view(get=extend_schema(summary="List licences"))
class LicenceList(ApiListView):
    """Every licence id the Hub accepts, with our class of how open it is."""

    serializer_class = LicenceSerializer
    filterset_class = LicenceFilterSet
    ordering_fields = ["identifier", "name"]
    ordering = ["identifier"]

    def get_queryset(self):
        return selectors.list_licences()


@extend_schema_view(get=extend_schema(summary="Catalog statistics"))
class Stats(ApiDetailView):
    """The numbers of the home page."""

    serializer_class = StatsSerializer

    def get_object(self):
        return selectors.get_catalog_stats()
