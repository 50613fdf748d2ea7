"""The OpenAPI schema and the interactive docs, both cached like every other GET."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.caching import ConditionalCacheMixin


@extend_schema(exclude=True)
class SchemaView(ConditionalCacheMixin, SpectacularAPIView):
    """OpenAPI 3 schema, YAML by default, JSON with `?format=json`."""


@extend_schema(exclude=True)
class DocsView(ConditionalCacheMixin, SpectacularSwaggerSplitView):
    """Swagger UI. The split view loads its start-up script from a URL, not inline, and our
    template keeps its styles in a stylesheet, so the site's strict CSP needs no exception."""

    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
