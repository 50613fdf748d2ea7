"""The health check for load balancers and compose: what answers, and what the site runs without."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from registry.services.health import check_components


@never_cache
def healthz(request):
    """JSON `{"status": "ok"|"degraded"|"down", "components": {name: "ok"|"down"}}`.

    200 while the database answers, even with the cache or the broker down (the site then serves
    everything from the database; background work waits), flagged "degraded"; 503 without it.
    """
    components = check_components()
    if not components["database"]:
        status, http_status = "down", 503
    else:
        status, http_status = ("ok" if all(components.values()) else "degraded"), 200
    return JsonResponse({
        "status": status,
        "components": {name: "ok" if up else "down" for name, up in components.items()},
    }, status=http_status)
