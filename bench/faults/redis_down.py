"""Scenario "redis-down": both Redis servers (broker and cache) killed for a minute under traffic, then started
again on the same ports, with gunicorn, the worker and beat left running.

Pass: every page, API answer and badge is a 2xx/3xx throughout; /healthz answers 200 "degraded" during the
outage and "ok" after; a submission sent during the outage is saved (201) and its Hub check runs once Redis is
back (beat's recheck); beat's next scheduled sync after the outage runs to its end on the same worker; the
processes are the ones started before the outage; compose gives the cache its own Redis with a memory limit
and allkeys-lru, the broker noeviction.
"""

import json
import time
from pathlib import Path

import yaml

from bench.faults.report import Report
from bench.faults.traffic import Traffic, fetch, url_mix

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"
LUCIE = "OpenLLM-France/Lucie-7B"
RECOVERY_TIMEOUT = 240  # seconds: beat sends a sync and the recheck every minute here


def run(stack, report: Report, *, outage: float = 60, **_) -> None:
    _check_compose(report)
    token = _contributor_token()
    # A sync and the recheck of failed or never-queued submission checks every minute, so recovery shows soon.
    with stack.app(beat=True, HUB_SYNC_INTERVAL_MINUTES="1", SUBMISSION_RECHECK_MINUTES="1") as app:
        processes = _pids(app)
        report.check("/healthz before the outage", _health(app) == "ok", _health(app))
        with Traffic(app.base_url, url_mix(), threads=2, interval=0.2) as traffic:
            time.sleep(5)
            stack.broker.stop()
            stack.cache.stop()
            down_at = time.monotonic()
            time.sleep(3)
            report.check("/healthz during the outage: 200 degraded", _health(app) == "degraded", _health(app))
            status, body = _submit(app, token)
            report.check("a submission sent during the outage is saved", status == 201, f"{status} {body[:200]}")
            submission_id = json.loads(body)["id"] if status == 201 else None
            time.sleep(max(0.0, outage - (time.monotonic() - down_at)))
            stack.broker.start()
            stack.cache.start()
            up_at = time.monotonic()
            report.note(f"Redis down for {up_at - down_at:.0f} s", outage_seconds=up_at - down_at)
            time.sleep(10)
        failures = traffic.failures()
        report.check("pages, API and badges answer throughout", not failures,
                     f"{len(failures)} failed of {traffic.count()} requests"
                     + (f"; first: {failures[0]}" if failures else ""))
        report.check("the submission's Hub check runs once Redis is back", _checked(submission_id, up_at),
                     f"submission {submission_id}")
        run = _next_scheduled_run(after=up_at)
        report.check("beat and the worker run the next scheduled sync", run is not None and run.status == "ok",
                     f"run {run and run.pk}: {run and run.status}")
        report.check("/healthz after the outage", _health(app) == "ok", _health(app))
        report.check("no process was restarted", _pids(app) == processes and _all_alive(app), f"{processes}")


def _check_compose(report: Report) -> None:
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    cache, broker = services["redis-cache"]["command"], services["redis"]["command"]
    environment = str(services.get("web", {}).get("environment", "")) + COMPOSE.read_text(encoding="utf-8")
    report.check("compose: the cache has its own Redis, bounded and allkeys-lru; the broker noeviction",
                 "--maxmemory " in cache and "allkeys-lru" in cache and "noeviction" in broker
                 and "CACHE_URL: redis://redis-cache" in environment, f"cache: {cache!r}; broker: {broker!r}")


def _contributor_token() -> str:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    user, _ = get_user_model().objects.get_or_create(username="faults", defaults={"email": "faults@example.org"})
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return Token.objects.get_or_create(user=user)[0].key


def _submit(app, token: str) -> tuple[int, str]:
    body = {"name": "Outage Reloaded", "project_kind": "model-family", "new_organisations": ["LINAGORA"],
            "countries": ["FR"], "hub_repo_ids": [LUCIE], "justification": "Sent while Redis was down."}
    return fetch(app.base_url, "/api/v1/submissions/", method="POST", body=json.dumps(body).encode(),
                 headers={"Authorization": f"Token {token}", "Content-Type": "application/json"})


def _health(app) -> str:
    status, body = fetch(app.base_url, "/healthz")
    try:
        return json.loads(body)["status"] if status == 200 else f"HTTP {status}"
    except ValueError:
        return f"HTTP {status}: {body[:100]}"


def _checked(submission_id: int | None, up_at: float) -> bool:
    from django.db import close_old_connections

    from registry.models import Submission

    while submission_id is not None and time.monotonic() - up_at < RECOVERY_TIMEOUT:
        close_old_connections()
        if Submission.objects.filter(pk=submission_id, check_status=Submission.CheckStatus.DONE).exists():
            return True
        time.sleep(2)
    return False


def _next_scheduled_run(*, after: float):
    from django.utils import timezone

    from registry.models import SyncRun

    since = timezone.now() - timezone.timedelta(seconds=time.monotonic() - after)
    deadline = after + RECOVERY_TIMEOUT
    while time.monotonic() < deadline:
        run = SyncRun.objects.filter(trigger=SyncRun.Trigger.SCHEDULE, started_at__gte=since).order_by("pk").first()
        if run is not None and run.finished_at is not None:
            return run
        time.sleep(2)
    return SyncRun.objects.filter(trigger=SyncRun.Trigger.SCHEDULE, started_at__gte=since).order_by("pk").first()


def _pids(app) -> dict[str, int]:
    return {"gunicorn": app.gunicorn.pid, "worker": app.worker.pid, "beat": app.beat.pid}


def _all_alive(app) -> bool:
    return all(process.poll() is None for process in (app.gunicorn, app.worker, app.beat))
