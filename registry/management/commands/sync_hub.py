import logging
import signal
import sys
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from registry.models import HubNamespace, HubRepo, RepoType, SyncRun
from registry.services.hub_sync import SyncScope, build_hub_client, run_hub_sync


class Command(BaseCommand):
    help = ("Sync Hub metadata now, in the foreground (same services as the Celery tasks): every tracked "
            "namespace and due repo, one namespace, or one repo. Reads HF_ENDPOINT and HF_TOKEN.")

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--namespace", help="sync only this Hub user or organisation")
        scope.add_argument("--repo", help="sync only this repository id, e.g. OpenLLM-France/Lucie-7B")
        parser.add_argument("--type", choices=RepoType.values, default=RepoType.MODEL, help="type of --repo")

    def handle(self, *args, namespace=None, repo=None, type=RepoType.MODEL, **options):
        scope = _scope(namespace=namespace, repo_id=repo, repo_type=type)
        # httpx2 logs every request at INFO: the progress bar and the summary say enough here.
        logging.getLogger("httpx2").setLevel(logging.WARNING)
        started = time.monotonic()
        with _stopped_by_sigterm(), self._progress() as on_progress:
            run = run_hub_sync(client=build_hub_client(), scope=scope, on_progress=on_progress)
        self.stdout.write(_summary(run, time.monotonic() - started))
        if run.status == SyncRun.Status.FAILED:
            raise CommandError("; ".join(f"{e['subject']}: {e['error']}" for e in run.errors[:3]))

    @contextmanager
    def _progress(self):
        if not sys.stdout.isatty():
            yield None
            return
        with tqdm(desc="Syncing", unit=" repos", file=sys.stdout, leave=False) as bar:
            yield bar.update


@contextmanager
def _stopped_by_sigterm():
    """Turn SIGTERM into SystemExit while syncing, so that the run is closed (as for Ctrl-C) before exiting."""

    def stop(signum, frame):
        raise SystemExit(f"Stopped by {signal.Signals(signum).name}")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _scope(*, namespace: str | None, repo_id: str | None, repo_type: str) -> SyncScope:
    if namespace:
        pk = HubNamespace.objects.filter(name=namespace).values_list("pk", flat=True).first()
        if pk is None:
            raise CommandError(f"No Hub namespace {namespace!r} in the registry.")
        return SyncScope(namespace_pks=[pk])
    if repo_id:
        pk = HubRepo.objects.filter(repo_id=repo_id, repo_type=repo_type).values_list("pk", flat=True).first()
        if pk is None:
            raise CommandError(f"No Hub {repo_type} {repo_id!r} in the registry.")
        return SyncScope(repo_pks=[pk])
    return SyncScope.everything_due()


def _summary(run: SyncRun, seconds: float) -> str:
    return (f"Sync run {run.pk} {run.status}: {run.requests_made} requests, {run.repos_changed} changed, "
            f"{run.repos_unchanged} unchanged, {run.repos_failed} failed, {run.repos_discovered} discovered "
            f"in {seconds:.1f} s")
