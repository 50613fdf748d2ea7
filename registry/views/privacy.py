"""The privacy page: what the registry stores about contributors and visitors, for how long, and who sees it."""

from django.conf import settings
from django.shortcuts import render

from registry.accounts import MODERATOR_GROUP


def privacy(request):
    """Static text; the settings it names (lockout, e-mail sender) are read so the page cannot drift from them."""
    return render(request, "registry/privacy.html", {
        "contact": settings.DEFAULT_FROM_EMAIL,
        "lockout_failures": settings.AXES_FAILURE_LIMIT,
        "lockout_hours": _whole(settings.AXES_COOLOFF_TIME),
        "moderator_group": MODERATOR_GROUP,
    })


def _whole(hours: float) -> float | int:
    """1.0 as 1: the page says "1 hour", and gettext chooses a plural form only from an integer."""
    return int(hours) if float(hours).is_integer() else hours
