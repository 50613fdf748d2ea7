"""The catalog's resources: projects, Hub repos, organisations, licences and the headline numbers.

Each view asks a selector of `registry.selectors` for its rows and a FilterSet of
`registry.filters` for its facets, the same ones the website uses.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound

from api.pagination import KeysFirstPagination
from api.serializers import (
    HubRepoSerializer,
    LicenceSerializer,
    OrganisationSerializer,
    ProjectSerializer,
    StatsSerializer,
)
from api.views.base import EVIDENCE, LEGS, SCHEMES, ApiDetailView, ApiListView
from registry import selectors
from registry.filters import (
    HubRepoFilterSet,
    LicenceFilterSet,
    OrganisationFilterSet,
    ProjectFilterSet,
)
from registry.models import HubRepo, Project, RepoType

LEG_DETAILS = "each leg's details (`reason`, `decided_by`, `justification`, `caveats`, `warnings`, `assessed_at`)"
EXPAND_HUB_REPO_ROWS = OpenApiParameter(
    "expand", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=["legs", "evidence"],
    description=f"`legs` adds {LEG_DETAILS} to the rows; `evidence` each leg's details and `evidence` (the whole "
                "leg). Lists are compact without them; a single resource always has them.")
EXPAND_PROJECT_ROWS = OpenApiParameter(
    "expand", OpenApiTypes.STR, OpenApiParameter.QUERY,
    enum=["legs", "evidence", "schemes", "legs,schemes", "evidence,schemes"],
    description=f"`legs` adds {LEG_DETAILS} to the rows; `evidence` each leg's details and `evidence` (the whole "
                "leg); `schemes` each other scheme's details (the Index's dimensions, every scheme's reasons). Lists "
                "are compact without them; a single resource always has them. Several: `expand=legs,schemes`.")


@extend_schema_view(get=extend_schema(summary="List projects", parameters=[EXPAND_PROJECT_ROWS]))
class ProjectList(ApiListView):
    """Visible projects with their openness, filtered by the website's facets; each leg's details only with
    `?expand=legs`, with its evidence too with `?expand=evidence`, the other schemes' details only with
    `?expand=schemes`."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    ordering_fields = ["name", "slug", "created_at", "updated_at"]
    ordering = ["name"]
    expansions = (EVIDENCE, LEGS, SCHEMES)
    pagination_class = KeysFirstPagination

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


@extend_schema_view(get=extend_schema(summary="List Hub repositories", parameters=[EXPAND_HUB_REPO_ROWS]))
class HubRepoList(ApiListView):
    """Hub repositories of visible projects, with the metadata last synced and their sync state; each leg's
    details only with `?expand=legs`, with its evidence too with `?expand=evidence`."""

    serializer_class = HubRepoSerializer
    filterset_class = HubRepoFilterSet
    ordering_fields = ["repo_id", "downloads", "likes", "parameters", "last_modified",
                       "last_synced_at", "updated_at"]
    ordering = ["repo_type", "repo_id"]
    expansions = (EVIDENCE, LEGS)

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
