"""The benchmark's steps that need Django, run as `sync_benchmark.py --seed N | --trigger | --wait-for-worker`
in a child process whose environment points at the benchmark's database, Redis and fake Hub."""

import os
import sys
import time

BATCH = 1000
STALL_SECONDS = 300


def dispatch(argv: list[str]) -> bool:
    """Run the step named in `argv`, if any; return whether one ran."""
    if not argv or argv[0] not in ("--seed", "--trigger", "--wait-for-worker"):
        return False
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if argv[0] == "--seed":
        seed(repos=int(argv[1]), namespaces=int(argv[3]))
    elif argv[0] == "--trigger":
        trigger_and_wait()
    else:
        wait_for_worker()
    return True


def seed(*, repos: int, namespaces: int) -> None:
    """Tracked namespaces bench-ns<i>, and every synthetic model attached to a project of 10 models."""
    from registry.models import HubNamespace, HubRepo, Project

    per_namespace = repos // namespaces
    for index in range(namespaces):
        namespace = HubNamespace.objects.create(name=f"bench-ns{index}")
        projects = Project.objects.bulk_create(
            Project(name=f"ns{index} family {p}", slug=f"ns{index}-family-{p}", kind=Project.Kind.MODEL_FAMILY)
            for p in range(per_namespace // 10)
        )
        HubRepo.objects.bulk_create(
            (HubRepo(repo_id=f"bench-ns{index}/model-{m:06d}", namespace=namespace, project=projects[m % len(projects)])
             for m in range(per_namespace)), batch_size=BATCH,
        )


def trigger_and_wait() -> None:
    """Start a run on the worker, wait until it finishes, print its requests and wall seconds."""
    from bench.celery_app import app  # noqa: F401 (routes the task to the benchmark's queue)
    from registry.models import SyncRun
    from registry.tasks import sync_hub_task

    known = set(SyncRun.objects.values_list("pk", flat=True))
    sync_hub_task.delay(trigger=SyncRun.Trigger.MANUAL)
    progress, progress_at = None, time.monotonic()
    while (run := SyncRun.objects.exclude(pk__in=known).first()) is None or run.finished_at is None:
        if run is not None and run.requests_made != progress:
            progress, progress_at = run.requests_made, time.monotonic()
        if time.monotonic() - progress_at > STALL_SECONDS:
            raise SystemExit(f"no request for {STALL_SECONDS} s: are the run's tasks lost? {run and run.pending_tasks}")
        time.sleep(0.5)
    if run.status != SyncRun.Status.OK:
        print(f"run {run.pk} {run.status}: {run.errors[:3]}", file=sys.stderr)
    print(run.requests_made, (run.finished_at - run.started_at).total_seconds())


def wait_for_worker(timeout: float = 60) -> None:
    from bench.celery_app import app

    deadline = time.monotonic() + timeout
    while not app.control.ping(timeout=1):
        if time.monotonic() > deadline:
            raise SystemExit("the worker did not answer")
