"""Sync runs seen from the harness: tracked synthetic namespaces, a run sent to the worker, its end awaited."""

import time

from django.db import close_old_connections

BATCH = 1000


def track_synthetic_namespace(hub, name: str, models: int, *, datasets: int = 10) -> None:
    """`models` synthetic models (and their declared datasets) on the fake Hub, a tracked namespace in the
    registry with every model attached to a project of 10 (so that openness depends on them)."""
    from registry.models import HubNamespace, HubRepo, Project

    hub.add_synthetic_namespace(name, models, n_datasets=datasets)
    namespace = HubNamespace.objects.create(name=name)
    projects = Project.objects.bulk_create(
        Project(name=f"{name} family {p}", slug=f"{name}-family-{p}", kind=Project.Kind.MODEL_FAMILY)
        for p in range(max(1, models // 10)))
    HubRepo.objects.bulk_create(
        (HubRepo(repo_id=f"{name}/model-{m:06d}", namespace=namespace, project=projects[m % len(projects)])
         for m in range(models)), batch_size=BATCH)


def namespace_repos(name: str):
    from registry.models import HubRepo

    return HubRepo.objects.filter(repo_id__startswith=f"{name}/", repo_type="model")


def start_run() -> int:
    """Send `sync_hub_task` (manual trigger) to the worker; the id of the run it starts."""
    from registry.models import SyncRun
    from registry.tasks import sync_hub_task

    known = set(SyncRun.objects.values_list("pk", flat=True))
    sync_hub_task.delay(trigger=SyncRun.Trigger.MANUAL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run = SyncRun.objects.exclude(pk__in=known).order_by("pk").first()
        if run is not None:
            return run.pk
        time.sleep(0.5)
    raise TimeoutError("the worker started no run within 60 s")


def wait_for_run(run_id: int, *, timeout: float, poll: float = 1.0):
    """The run once finished (or as it is when `timeout` runs out)."""
    from registry.models import SyncRun

    deadline = time.monotonic() + timeout
    while True:
        close_old_connections()
        run = SyncRun.objects.get(pk=run_id)
        if run.finished_at is not None or time.monotonic() > deadline:
            return run
        time.sleep(poll)


def run_seconds(run) -> float:
    return (run.finished_at - run.started_at).total_seconds() if run.finished_at else float("nan")
