"""A JSON 404 for any /api/ path that names no resource, in the shape of every API error."""

from django.http import JsonResponse


def not_found(request):
    return JsonResponse({"detail": f"No API resource at {request.path}.", "code": "not_found"},
                        status=404)
