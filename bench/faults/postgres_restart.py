"""Scenario "postgres-restart": the private PostgreSQL restarted (fast shutdown, 5 s down) under steady traffic,
gunicorn (persistent connections, CONN_MAX_AGE=60) and the worker left running.

Pass: requests fail only inside the restart window (from the stop to a few seconds after the start), every
request after that window succeeds, and a sync sent to the worker after the restart runs to its end, with
the same processes. Reports the error window in seconds.
"""

import time

from django.db import connections

from bench.faults.report import Report
from bench.faults.sync_runs import start_run, wait_for_run
from bench.faults.traffic import Traffic, url_mix

DOWN_SECONDS = 5
# After the start, a persistent connection opened before the stop is found dead on its next use and replaced
# (CONN_HEALTH_CHECKS); the first requests may still wait for the server to accept connections.
RECOVERY_GRACE_SECONDS = 3


def run(stack, report: Report, **_) -> None:
    with stack.app() as app:
        processes = (app.gunicorn.pid, app.worker.pid)
        with Traffic(app.base_url, url_mix(), threads=4, interval=0.1) as traffic:
            time.sleep(10)
            connections.close_all()
            stopped_at = traffic.now()
            stack.postgres.stop("fast")
            time.sleep(DOWN_SECONDS)
            stack.postgres.start()
            started_at = traffic.now()
            time.sleep(30)
        failures = traffic.failures()
        window = (failures[-1].at - failures[0].at) if failures else 0.0
        late = traffic.failures(since=started_at + RECOVERY_GRACE_SECONDS)
        early = traffic.failures(until=stopped_at)
        report.note(f"PostgreSQL down from {stopped_at:.1f} s to {started_at:.1f} s; {len(failures)} of "
                    f"{traffic.count()} requests failed, from {failures[0].at if failures else 0:.1f} s to "
                    f"{failures[-1].at if failures else 0:.1f} s",
                    restart_seconds=started_at - stopped_at, error_window_seconds=window,
                    failed=len(failures), requests=traffic.count())
        report.check("requests fail only during the restart", not early and not late,
                     f"error window {window:.1f} s (restart {started_at - stopped_at:.1f} s); {len(early)} before, "
                     f"{len(late)} later than {RECOVERY_GRACE_SECONDS} s after the start"
                     + (f"; first late: {late[0]}" if late else ""))
        after = traffic.count(since=started_at + RECOVERY_GRACE_SECONDS)
        report.check("requests succeed after the restart", after > 0 and not late, f"{after} requests, 0 failed")
        connections.close_all()
        sync = wait_for_run(start_run(), timeout=300)
        report.check("the worker runs a sync after the restart", sync.status in ("ok", "partial"),
                     f"run {sync.pk}: {sync.status}, {sync.repos_failed} repos failed")
        report.check("no process was restarted", (app.gunicorn.pid, app.worker.pid) == processes
                     and app.gunicorn.poll() is None and app.worker.poll() is None, f"{processes}")
