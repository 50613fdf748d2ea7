"""One shape for every error the API returns, whatever raised it.

    {"detail": "<one sentence>", "code": "<machine-readable>",
     "parameter": "<query parameter at fault>", "errors": {"<parameter>": ["<message>", ...]}}

`parameter` and `errors` appear only when a query parameter is at fault. Errors that DRF never
sees (a crash, a request Django refuses) get the same shape from the handlers at the end.
"""

from django.http import JsonResponse
from django.views import defaults
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.views import exception_handler


class InvalidParameter(APIException):
    """A query parameter the API cannot honour: 400 naming it."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_parameter"

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.errors = {parameter: [message]}


class InvalidParameters(InvalidParameter):
    """Several parameters at fault at once (a FilterSet's errors); `parameter` names the first."""

    def __init__(self, errors: dict[str, list[str]]):
        parameter, messages = next(iter(errors.items()))
        super().__init__(parameter, f"Invalid value for '{parameter}': {messages[0]}")
        self.errors = {name: [str(message) for message in messages] for name, messages in errors.items()}


def api_exception_handler(exc, context):
    """DRF's handler (status, headers such as Retry-After and Allow), then our body shape."""
    response = exception_handler(exc, context)
    if response is not None:
        response.data = error_body(exc, response.data)
    return response


def error_body(exc, data) -> dict:
    if isinstance(exc, InvalidParameter):
        return {"detail": str(exc.detail), "code": exc.default_code,
                "parameter": exc.parameter, "errors": exc.errors}
    if isinstance(exc, ValidationError):
        return {"detail": "Invalid input.", "code": "invalid", "errors": data}
    detail = data.get("detail", "Error.") if isinstance(data, dict) else str(data)
    return {"detail": str(detail), "code": getattr(detail, "code", "error")}


def _json_under_api(django_handler, status_code: int, code: str, detail: str):
    """Django's error view `django_handler`, except under /api/, where the error is JSON."""
    def handler(request, *args, **kwargs):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": detail, "code": code}, status=status_code)
        return django_handler(request, *args, **kwargs)
    return handler


# Errors raised outside DRF's views (an unhandled exception, a malformed request, a URL that
# matches nothing): config/urls.py installs these as handler400/403/404/500.
bad_request = _json_under_api(defaults.bad_request, 400, "bad_request", "Bad request.")
permission_denied = _json_under_api(defaults.permission_denied, 403, "permission_denied",
                                    "You do not have permission to perform this action.")
page_not_found = _json_under_api(defaults.page_not_found, 404, "not_found", "Not found.")
server_error = _json_under_api(defaults.server_error, 500, "server_error",
                               "The server could not answer this request; the error was logged.")
