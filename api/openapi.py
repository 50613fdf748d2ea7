"""How the API describes itself: drf-spectacular's AutoSchema plus what every operation shares.

Every GET answers 304 to a matching conditional request, carries ETag and Last-Modified, and may
answer 400, 406 or 429 (and 404 when its path names a resource); list operations also render CSV.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from api.examples import ERROR_EXAMPLES
from api.serializers import ErrorSerializer

JSON, CSV = "application/json", "text/csv"
ERROR_DESCRIPTIONS = {
    400: "A query parameter is unknown or has a value the API cannot use; `parameter` names it.",
    404: "No such resource.",
    406: "None of the media types in the Accept header can be served.",
    429: "Too many anonymous requests: retry after the number of seconds in `Retry-After`.",
}


def _header(name: str, description: str, statuses: list[int]) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.HEADER,
                            response=statuses, description=description)


RESPONSE_HEADERS = [
    _header("ETag", "Identifies this representation at the current catalog version; send it "
                    "back in `If-None-Match` to get a 304 while nothing changed.", [200, 304]),
    _header("Last-Modified", "When the catalog last changed; send it back in "
                             "`If-Modified-Since` to get a 304 while nothing changed.", [200, 304]),
    _header("Cache-Control", "How long shared and browser caches may reuse the response.",
            [200, 304]),
    _header("Retry-After", "Seconds to wait before the next request.", [429]),
]


FORMAT_PARAMETER = OpenApiParameter(
    "format", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=["json", "csv"],
    description="`csv` renders the page's results as CSV (as does `Accept: text/csv`).")


class RegistryAutoSchema(AutoSchema):
    """What every GET shares; write operations (contributions) declare their own responses."""

    def get_override_parameters(self):
        if self.method != "GET":
            return super().get_override_parameters()
        formats = [FORMAT_PARAMETER] if CSV in self.map_renderers("media_type") else []
        return [*super().get_override_parameters(), *formats, *RESPONSE_HEADERS]

    def get_response_serializers(self):
        success = super().get_response_serializers()
        if self.method != "GET":
            return success
        responses = {(200, JSON): OpenApiResponse(success, description="OK.")}
        if CSV in self.map_renderers("media_type"):
            responses[(200, CSV)] = OpenApiResponse(
                OpenApiTypes.STR, description="The page's results as CSV (see the docs).")
        responses[304] = OpenApiResponse(
            description="Not Modified: the copy the client holds is current (no body).")
        for status in self.error_statuses():
            responses[(status, JSON)] = OpenApiResponse(
                ErrorSerializer, description=ERROR_DESCRIPTIONS[status],
                examples=[ERROR_EXAMPLES[status]])
        return responses

    def error_statuses(self) -> list[int]:
        names_a_resource = "{" in self.path
        return [400, *([404] if names_a_resource else []), 406, 429]
