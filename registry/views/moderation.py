"""Moderators' pages on the public site (staff only); decisions themselves are made in the admin."""

from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render

from registry import selectors


@staff_member_required
def moderation_review(request):
    """Projects whose newly computed facts contradict a moderator's override, or whose sources disagree on a
    leg, each with the reason."""
    return render(request, "registry/moderation_review.html", {
        "projects": selectors.list_projects_needing_review(),
    })
