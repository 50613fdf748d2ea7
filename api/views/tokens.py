"""/api/v1/token/: the caller's own API token. POST replaces it (the new key in the answer), DELETE revokes it."""

from drf_orjson_renderer.renderers import ORJSONRenderer
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from registry.services.api_tokens import regenerate_api_token, revoke_api_token


# Kept out of the published read-only contract (api/schema/openapi-v1.yaml), like submissions.
@extend_schema(exclude=True)
class OwnToken(APIView):
    """The authenticated account's token: a leaked key is revoked with one request carrying it."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    renderer_classes = [ORJSONRenderer]

    def post(self, request):
        token = regenerate_api_token(user=request.user)
        return Response({"key": token.key, "created": token.created}, status=status.HTTP_201_CREATED)

    def delete(self, request):
        revoke_api_token(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
