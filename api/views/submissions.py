"""POST /api/v1/submissions/ (propose a project) and /api/v1/projects/{slug}/corrections/ (suggest a correction),
with a token (or a session), validated as the site's forms are."""

from django.shortcuts import get_object_or_404
from drf_orjson_renderer.renderers import ORJSONRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers import ErrorSerializer
from api.serializers.submissions import (
    CorrectionRequest,
    CorrectionSerializer,
    ProjectSubmissionRequest,
    ProjectSubmissionSerializer,
    SubmissionSerializer,
)
from api.throttling import SUBMISSION_THROTTLES, client_address
from registry.models import Project
from registry.services.submissions import submit_project, suggest_correction


def _responses(*, names_a_project: bool) -> dict:
    errors = {
        400: "The body is not a JSON object, or a field is invalid: `errors` gives the messages per field.",
        401: "No token, or a revoked one.",
        **({404: "No such project."} if names_a_project else {}),
        429: "Too many submissions from this account or address: retry after `Retry-After` seconds.",
    }
    return {201: OpenApiResponse(SubmissionSerializer, description="Saved as sent; it waits for a moderator."),
            **{code: OpenApiResponse(ErrorSerializer, description=text) for code, text in errors.items()}}


class _ContributionView(APIView):
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = list(SUBMISSION_THROTTLES)
    renderer_classes = [ORJSONRenderer]

    def created(self, request, submission) -> Response:
        return Response(SubmissionSerializer(submission, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)


class SubmissionCreate(_ContributionView):
    """Create a new-project submission as the authenticated user; it waits for a moderator like any other.

    Tokens: /account/token/, DELETE /api/v1/token/, or the admin (registry.services.api_tokens).
    """

    @extend_schema(summary="Propose a project", request=ProjectSubmissionRequest,
                   responses=_responses(names_a_project=False),
                   description="Needs a token (`Authorization: Token …`). The body takes the fields of the site's "
                               "“Propose a project” form; the same validation applies.")
    def post(self, request):
        serializer = ProjectSubmissionSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        submission = submit_project(submitter=request.user, raw_data=request.data,
                                    data=serializer.validated_data, ip_address=client_address(request))
        return self.created(request, submission)


class CorrectionCreate(_ContributionView):
    """Suggest a correction to a project as the authenticated user; it waits for a moderator."""

    @extend_schema(summary="Suggest a correction to a project", request=CorrectionRequest,
                   parameters=[OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH,
                                                description="The project's slug, as in its URL.")],
                   responses=_responses(names_a_project=True),
                   description="Needs a token. The body takes the fields of the site's “Suggest a correction” "
                               "form; a field left out keeps the project's value. Evidence for a leg needs its "
                               "leg, value, source URL (http or https, never fetched) and what it shows.")
    def post(self, request, slug: str):
        project = get_object_or_404(Project.objects.exclude(status=Project.Status.HIDDEN), slug=slug)
        serializer = CorrectionSerializer(data=request.data, context={"request": request, "project": project})
        serializer.is_valid(raise_exception=True)
        submission = suggest_correction(project=project, submitter=request.user, raw_data=request.data,
                                        data=serializer.validated_data, ip_address=client_address(request))
        return self.created(request, submission)
