"""What every public resource view shares: read-only, strict about its query string, JSON errors,
conditional GET and cached responses."""

from django.http import Http404
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.settings import api_settings

from api.caching import ConditionalCacheMixin
from api.errors import InvalidParameter
from api.filtering import FilterSetBackend
from api.ordering import StrictOrderingFilter
from api.pagination import KeysetPagination
from api.renderers import CsvRenderer


class PublicReadMixin:
    """Read-only, whoever asks; an unknown query parameter or format is a 400 naming it."""

    def initial(self, request, *args, **kwargs):
        # 405 comes first: a method this resource lacks is refused whoever the client is.
        if request.method not in self.allowed_methods:
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)
        self.reject_unknown_parameters(request)

    def reject_unknown_parameters(self, request) -> None:
        known = self.get_query_parameters()
        for name in request.query_params:
            if name not in known:
                raise InvalidParameter(name, f"Unknown query parameter '{name}'. "
                                             f"This endpoint accepts: {', '.join(sorted(known))}.")

    def get_query_parameters(self) -> set[str]:
        return {api_settings.URL_FORMAT_OVERRIDE}

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:  # DRF's answer to an unknown ?format=
            formats = ", ".join(renderer.format for renderer in self.get_renderers())
            raise InvalidParameter(api_settings.URL_FORMAT_OVERRIDE,
                                   f"Unknown format. Choose from: {formats}.") from None

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400 or request.method not in ("GET", "HEAD"):
            # Only a list's GET has a CSV form: errors (even before negotiation) and the
            # OPTIONS description are JSON whatever the client asked for.
            request.accepted_renderer = ORJSONRenderer()
            request.accepted_media_type = ORJSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


EXPAND_PARAMETER = "expand"
EVIDENCE, LEGS, SCHEMES = "evidence", "legs", "schemes"


class ApiListView(PublicReadMixin, ConditionalCacheMixin, ListAPIView):
    """A list resource: `filterset_class` from registry.filters, `ordering_fields` and a default
    `ordering`, cursor pagination, JSON or CSV.

    Lists are compact: the bulky parts of a row named in `expansions` (each leg's `evidence` or its details,
    the other schemes' details) are left out unless asked with `?expand=<name>` (the single resource always has
    them)."""

    renderer_classes = [ORJSONRenderer, CsvRenderer]
    filter_backends = [FilterSetBackend, StrictOrderingFilter]
    pagination_class = KeysetPagination
    expansions: tuple[str, ...] = ()

    def get_query_parameters(self) -> set[str]:
        paginator = self.pagination_class
        expand = {EXPAND_PARAMETER} if self.expansions else set()
        return {*super().get_query_parameters(), *self.filterset_class.base_filters,
                StrictOrderingFilter.ordering_param, paginator.cursor_query_param,
                paginator.page_size_query_param, *expand}

    def expanded(self) -> set[str]:
        """The expansions `?expand=` asks for (repeated or comma-separated); 400 for any other value."""
        values = {value.strip() for given in self.request.query_params.getlist(EXPAND_PARAMETER)
                  for value in given.split(",")}
        if unknown := values - set(self.expansions):
            raise InvalidParameter(EXPAND_PARAMETER, f"Unknown expansion {', '.join(sorted(unknown))!r}. This "
                                                     f"endpoint accepts: {', '.join(self.expansions)}.")
        return values

    def with_evidence(self) -> bool:
        return EVIDENCE in self.expanded()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        expanded = self.expanded()
        context.update({f"with_{name}": name in expanded for name in self.expansions})
        return context


class ApiDetailView(PublicReadMixin, ConditionalCacheMixin, RetrieveAPIView):
    """A single resource, JSON only; `get_object` calls a selector."""

    renderer_classes = [ORJSONRenderer]
