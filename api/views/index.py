"""/api/v1/: the API's front door, linking every resource, the schema and the docs (absolute URLs
on the host the client asked)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view

from api.serializers import ApiIndexSerializer
from api.views.base import ApiDetailView
from api.views.docs import ContractStampMixin

# Key in the index -> URL name, in the order the docs list them.
RESOURCES = (
    ("projects", "api:project-list"),
    ("hub_repos", "api:hub-repo-list"),
    ("organisations", "api:organisation-list"),
    ("licenses", "api:license-list"),
    ("changes", "api:change-list"),
    ("stats", "api:stats"),
    ("sync_runs", "api:sync-run-list"),
)


@extend_schema_view(get=extend_schema(summary="The API's index", operation_id="index"))
class ApiIndex(ContractStampMixin, ApiDetailView):
    """Where each resource, the OpenAPI schema and the interactive docs are. It changes with the code,
    not with the catalog."""

    serializer_class = ApiIndexSerializer

    def get_object(self):
        absolute = self.request.build_absolute_uri
        return {
            "version": "v1",
            "resources": {key: absolute(reverse(name)) for key, name in RESOURCES},
            "schema": absolute(reverse("api:schema")),
            "docs": absolute(reverse("api:docs")),
        }
