"""The OpenAPI schema and the interactive docs, both cached like every other GET.

They depend on the code, not on the catalog: their validators come from the committed schema's contract.
"""

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.caching import ConditionalCacheMixin

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema" / "openapi-v1.yaml"
CONTRACT_STAMP = (
    hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest()[:32],
    datetime.fromtimestamp(int(SCHEMA_FILE.stat().st_mtime), tz=UTC),
)


class ContractStampMixin:
    def get_version_stamp(self):
        return CONTRACT_STAMP


@extend_schema(exclude=True)
class SchemaView(ContractStampMixin, ConditionalCacheMixin, SpectacularAPIView):
    """OpenAPI 3 schema, YAML by default, JSON with `?format=json`."""


@extend_schema(exclude=True)
class DocsView(ContractStampMixin, ConditionalCacheMixin, SpectacularSwaggerSplitView):
    """Swagger UI. The split view loads its start-up script from a URL, not inline, and our
    template keeps its styles in a stylesheet, so the site's strict CSP needs no exception."""

    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
