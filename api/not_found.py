"""A JSON 404 for any /api/ path that names no resource, in the shape of every API error."""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt


# Exempt: it changes nothing, and a POST to a mistyped write endpoint deserves the API's JSON 404, not
# Django's HTML page about a missing CSRF token.
@csrf_exempt
def not_found(request):
    return JsonResponse({"detail": f"No API resource at {request.path}.", "code": "not_found"},
                        status=404)
