"""POST /api/v1/submissions/: propose a project with a token (or a session), validated as the site's form is."""

from drf_orjson_renderer.renderers import ORJSONRenderer
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers.submissions import ProjectSubmissionSerializer
from api.throttling import SUBMISSION_THROTTLES, client_address
from registry.services.submissions import submit_project


# Kept out of the published read-only contract (api/schema/openapi-v1.yaml); see docs in the README.
@extend_schema(exclude=True)
class SubmissionCreate(APIView):
    """Create a new-project submission as the authenticated user; it waits for a moderator like any other.

    Tokens are created and revoked (deleted) by moderators in the admin ("Auth Token › Tokens").
    """

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = list(SUBMISSION_THROTTLES)
    renderer_classes = [ORJSONRenderer]

    def post(self, request):
        serializer = ProjectSubmissionSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        submission = submit_project(submitter=request.user, raw_data=request.data,
                                    data=serializer.validated_data, ip_address=client_address(request))
        return Response(ProjectSubmissionSerializer(submission, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)
