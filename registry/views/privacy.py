"""The privacy page: what the registry stores about contributors and visitors, for how long, and who sees it."""

from django.conf import settings
from django.shortcuts import render

from registry.accounts import MODERATOR_GROUP


def privacy(request):
    """Static text; the settings it names (lockout, e-mail sender) are read so the page cannot drift from them."""
    return render(request, "registry/privacy.html", {
        "contact": settings.DEFAULT_FROM_EMAIL,
        "lockout_failures": settings.AXES_FAILURE_LIMIT,
        "lockout_hours": settings.AXES_COOLOFF_TIME,
        "moderator_group": MODERATOR_GROUP,
    })
