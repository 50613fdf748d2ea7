"""The public status page of the Hub sync: recent runs and the repositories in trouble."""

from django.conf import settings
from django.shortcuts import render

from registry import selectors

RUNS_SHOWN = 20
REPOS_SHOWN = 100


def sync_status(request):
    repos = selectors.list_hub_repos_needing_attention()
    return render(request, "registry/sync_status.html", {
        "latest_run": selectors.get_latest_sync_run(),
        "live_sync_ran": selectors.has_live_sync_run(),
        "repos_by_origin": selectors.count_hub_repos_by_origin(),
        "runs": selectors.list_sync_runs()[:RUNS_SHOWN],
        "repos": repos[:REPOS_SHOWN],
        "repos_total": repos.count(),
        "missing_after": settings.HUB_MISSING_AFTER_NOT_FOUND,
    })
