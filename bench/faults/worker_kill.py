"""Scenario "worker-kill": the worker is SIGKILLed in the middle of a sync of 1,000 repos, then started again.

Pass: the run completes within the documented bound after the kill (the broker's visibility timeout, its
restore sweep, and one full sync's time for what was left), well under the sync interval; no duplicate rows;
every repo holds either its old or its new version, at the kill and after; the run is closed ok.
"""

import time

from django.db.models import Count

from bench.faults.report import Report
from bench.faults.sync_runs import namespace_repos, run_seconds, start_run, track_synthetic_namespace, wait_for_run

NAMESPACE = "faults-kill"
NEW_LICENCE = "mit"
KILL_AT_FRACTION = 0.4


def run(stack, report: Report, *, repos: int = 1000, **_) -> None:
    from django.conf import settings

    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    sweep = settings.CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_interval"]
    _check_celery_settings(report, settings, visibility)
    track_synthetic_namespace(stack.hub, NAMESPACE, repos)
    with stack.app() as app:
        first = wait_for_run(start_run(), timeout=3600)
        full_sync = run_seconds(first)
        report.note(f"first sync of {repos} repos: {first.status} in {full_sync:.0f} s", first_sync_seconds=full_sync)
        old = {repo_id: (sha, licence) for repo_id, sha, licence
               in namespace_repos(NAMESPACE).values_list("repo_id", "sha", "license")}
        new = _commit_new_version(stack.hub, old)

        run_id = start_run()
        _wait_until_fraction_new(new, KILL_AT_FRACTION)
        app.kill_worker()
        killed_at = time.monotonic()
        at_kill = _versions(old, new)
        report.note(f"SIGKILLed the worker with {at_kill['new']} repos new, {at_kill['old']} old",
                    new_at_kill=at_kill["new"])
        report.check("every repo old or new at the kill", at_kill["mixed"] == 0, f"{at_kill['mixed']} mixed")
        app.start_worker()
        bound = visibility + sweep + full_sync
        second = wait_for_run(run_id, timeout=bound + 300)
        after_kill = time.monotonic() - killed_at
    report.note("run closed", run_status=second.status, seconds_after_kill=after_kill, bound_seconds=bound)
    report.check("the run completes after the restart within the bound",
                 second.finished_at is not None and after_kill <= bound,
                 f"{after_kill:.0f} s after the kill (bound {visibility} + {sweep} + {full_sync:.0f} = {bound:.0f} s; "
                 f"interval {settings.HUB_SYNC_INTERVAL_MINUTES * 60} s)")
    report.check("the run is closed ok with nothing pending", (second.status, second.pending_tasks) == ("ok", 0),
                  f"status {second.status}, pending {second.pending_tasks}, failed {second.repos_failed}, "
                  f"errors {second.errors[:2]}")
    final = _versions(old, new)
    report.check("every repo has its new version", final["new"] == len(new), f"{final}")
    _check_no_duplicates(report, run_id)


def _check_celery_settings(report: Report, settings, visibility: int) -> None:
    from registry.services.hub_sync.retry import MAX_DELAY_SECONDS
    from registry.tasks import sync_hub_task, sync_namespace_task, sync_repo_task

    hard_limits = [task.time_limit for task in (sync_hub_task, sync_namespace_task, sync_repo_task)]
    longest_hold = max(hard_limits) + MAX_DELAY_SECONDS
    report.check("Celery: acks_late, reject_on_worker_lost, prefetch 1",
                 (settings.CELERY_TASK_ACKS_LATE, settings.CELERY_TASK_REJECT_ON_WORKER_LOST,
                  settings.CELERY_WORKER_PREFETCH_MULTIPLIER) == (True, True, 1),
                 f"acks_late={settings.CELERY_TASK_ACKS_LATE} reject_on_worker_lost="
                 f"{settings.CELERY_TASK_REJECT_ON_WORKER_LOST} prefetch={settings.CELERY_WORKER_PREFETCH_MULTIPLIER}")
    report.check("Celery: no live message outlasts the visibility timeout", longest_hold < visibility,
                 f"longest hard limit {max(hard_limits)} s + longest retry countdown {MAX_DELAY_SECONDS} s = "
                 f"{longest_hold} s < visibility timeout {visibility} s")


def _commit_new_version(hub, old: dict) -> dict[str, str]:
    """Change every repo's licence on the fake Hub (a commit: new sha); the new shas by repo."""
    for repo_id in old:
        data = hub.world.get("model", repo_id).data
        hub.set_model_field(repo_id, "cardData", {**data["cardData"], "license": NEW_LICENCE})
    return {repo_id: hub.world.get("model", repo_id).data["sha"] for repo_id in old}


def _wait_until_fraction_new(new: dict[str, str], fraction: float, timeout: float = 1800) -> None:
    deadline = time.monotonic() + timeout
    while namespace_repos(NAMESPACE).filter(sha__in=new.values()).count() < fraction * len(new):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the second sync did not reach {fraction:.0%} in {timeout} s")
        time.sleep(0.5)


def _versions(old: dict[str, tuple[str, str]], new: dict[str, str]) -> dict[str, int]:
    """How many repos hold the old version (old sha, old licence), the new one, or a mix of the two. Some repos
    had the new licence already: only the pair tells their versions apart."""
    tally = {"old": 0, "new": 0, "mixed": 0}
    for repo_id, sha, licence in namespace_repos(NAMESPACE).values_list("repo_id", "sha", "license"):
        if (sha, licence) == old[repo_id]:
            tally["old"] += 1
        elif (sha, licence) == (new[repo_id], NEW_LICENCE):
            tally["new"] += 1
        else:
            tally["mixed"] += 1
    return tally


def _check_no_duplicates(report: Report, run_id: int) -> None:
    from registry.models import ChangeRecord, HubRepo, SyncStep

    repos = HubRepo.objects.values("repo_type", "repo_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    changes = (ChangeRecord.objects.filter(sync_run_id=run_id, hub_repo__isnull=False).values("hub_repo", "project", "field")
               .annotate(n=Count("pk")).filter(n__gt=1).count())
    steps = SyncStep.objects.filter(run_id=run_id).values("key").annotate(n=Count("pk")).filter(n__gt=1).count()
    redelivered = SyncStep.objects.filter(run_id=run_id, deliveries__gt=1).count()
    report.check("no duplicate rows", repos == changes == steps == 0,
                 f"{repos} repos, {changes} change records, {steps} steps duplicated; "
                 f"{redelivered} steps delivered again after the kill")
