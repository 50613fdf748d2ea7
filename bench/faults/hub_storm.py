"""Scenario "hub-storm": the fake Hub misbehaves during a sync of 200 repos by the real worker.

Every repo gets a new commit (same licence), so each is read in detail; meanwhile repos answer 429 storms
with Retry-After, 503s, 500s on READMEs, answers slower than the client's timeout, truncated JSON and HTML with
status 200; one card holds a NUL byte, another a 1 MB field; one repo disappears for the run; one answers
503 to every request. Then the Hub recovers and a second run follows.

Pass: no leg of any project or repo changes (the licences did not); repos hit by retryable faults hold their
new version after the storm run; the always-failing repo does not hold up the others (they are all synced
long before it gives up); the Hub never receives more requests in a limiter window than the quota (allowing
the requests in flight across a window boundary); once the Hub recovers, the next run ends ok with every repo
at its new version.
"""

from collections import Counter

from bench.faults.report import Report
from bench.faults.sync_runs import namespace_repos, run_seconds, start_run, track_synthetic_namespace, wait_for_run

NAMESPACE = "faults-storm"
REPOS = 200
QUOTA_CALLS, QUOTA_WINDOW = 100, 5  # the limiter's quota here: 100 calls per 5 s windows
WORKER_THREADS = 4  # requests that may be in flight when a window closes
OVERSIZED = "x" * 1_000_000


def run(stack, report: Report, **_) -> None:
    hub = stack.hub
    track_synthetic_namespace(hub, NAMESPACE, REPOS)
    env = {"HUB_RATE_LIMIT_CALLS": str(QUOTA_CALLS), "HUB_RATE_LIMIT_WINDOW_SECONDS": str(QUOTA_WINDOW)}
    with stack.app(**env):
        clean = wait_for_run(start_run(), timeout=1800)
        report.note(f"clean first sync: {clean.status} in {run_seconds(clean):.0f} s",
                    clean_sync_seconds=run_seconds(clean))
        legs = _legs()
        ids = [f"{NAMESPACE}/model-{index:06d}" for index in range(REPOS)]
        for repo_id in ids:
            hub.set_model_field(repo_id, "cardData", {**_card(hub, repo_id), "faults_commit": 2})
        hub.set_model_field(ids[70], "cardData", {**_card(hub, ids[70]), "model_name": "nul\u0000inside"})
        hub.set_model_field(ids[71], "cardData", {**_card(hub, ids[71]), "description": OVERSIZED})
        new = {repo_id: hub.world.get("model", repo_id).data["sha"] for repo_id in ids}
        gone = hub.world.get("model", ids[72])
        hub.remove_repo(ids[72], "model")
        _order_storm(hub, ids)
        hub.reset_log()

        storm = wait_for_run(start_run(), timeout=1800)
        report.note(f"storm run {storm.pk}: {storm.status} in {run_seconds(storm):.0f} s, {storm.requests_made} "
                    f"requests, {storm.repos_failed} repos failed", storm_seconds=run_seconds(storm))
        report.check("the storm run ends", storm.finished_at is not None, f"status {storm.status}")
        report.check("no leg changed", _legs() == legs, _leg_changes(legs))
        retried = [repo_id for repo_id in ids[:60] if _sha(repo_id) != new[repo_id]]
        report.check("repos hit by 429, 5xx and timeouts hold their new version", not retried,
                     f"{60 - len(retried)} of 60" + (f"; not: {retried[:5]}" if retried else ""))
        _check_no_wait_for_the_failing_repo(report, storm, ids)
        _check_quota(report, hub)
        _check_odd_cards(report, ids)

        hub.clear_faults()
        hub.add_model(ids[72], gone.data, gone.card)
        recovered = wait_for_run(start_run(), timeout=1800)
        at_new = sum(1 for repo_id in ids if _sha(repo_id) == new[repo_id])
        report.check("after the Hub recovers the next run ends ok with every repo new",
                     recovered.status == "ok" and at_new == REPOS,
                     f"run {recovered.pk}: {recovered.status} in {run_seconds(recovered):.0f} s, {at_new} of {REPOS} "
                     f"new, errors {recovered.errors[:2]}")
        report.check("no leg changed after the recovery", _legs() == legs, _leg_changes(legs))


def _order_storm(hub, ids: list[str]) -> None:
    """Faults per repo, by index: see the module docstring; each transient one fewer times than the retries."""
    for repo_id in ids[0:20]:
        hub.rate_limit(_info(repo_id), reset_seconds=2, times=2)
    for repo_id in ids[20:40]:
        hub.fail(_info(repo_id), status=503, times=2)
    for repo_id in ids[40:50]:
        hub.fail(_readme(repo_id), status=500, times=1)
    for repo_id in ids[50:60]:
        hub.delay(5, _info(repo_id), times=1)  # the client gives up after HUB_TIMEOUT_SECONDS=3
    for repo_id in ids[60:65]:
        hub.garble(_info(repo_id), body='{"_id": "65a1", "id": "faults-storm/mo', content_type="application/json")
    for repo_id in ids[65:70]:
        hub.garble(_info(repo_id))  # HTML with status 200
    hub.fail(_info(ids[73]), status=503, times=None)


def _info(repo_id: str):
    path = f"/api/models/{repo_id}"
    return lambda request: request.path == path or request.path.startswith(path + "/revision/")


def _readme(repo_id: str):
    return lambda request: request.path.startswith(f"/{repo_id}/resolve/") and request.method == "GET"


def _card(hub, repo_id: str) -> dict:
    return dict(hub.world.get("model", repo_id).data["cardData"])


def _sha(repo_id: str) -> str:
    return namespace_repos(NAMESPACE).filter(repo_id=repo_id).values_list("sha", flat=True).first()


def _legs() -> dict:
    from django.db.models import Q

    from registry.models import LegAssessment

    rows = LegAssessment.objects.filter(Q(project__slug__startswith=NAMESPACE) |
                                        Q(hub_repo__repo_id__startswith=f"{NAMESPACE}/"))
    return {(row.project_id, row.hub_repo_id, row.leg): row.computed_value for row in rows}


def _leg_changes(before: dict) -> str:
    after = _legs()
    changed = [(key, before.get(key), after.get(key)) for key in before.keys() | after.keys()
               if before.get(key) != after.get(key)]
    return f"{len(before)} legs compared, {len(changed)} changed" + (f": {changed[:3]}" if changed else "")


def _check_no_wait_for_the_failing_repo(report: Report, storm, ids: list[str]) -> None:
    from django.db.models import Max

    failing = namespace_repos(NAMESPACE).get(repo_id=ids[73])
    others = namespace_repos(NAMESPACE).exclude(repo_id__in=ids[60:74])
    last_other = others.aggregate(last=Max("last_synced_at"))["last"]
    others_done = (last_other - storm.started_at).total_seconds()
    gave_up = (failing.last_error_at - storm.started_at).total_seconds() if failing.last_error_at else float("nan")
    report.check("the always-failing repo does not hold up the others",
                 failing.sync_status == "error" and others_done < gave_up,
                 f"the others all synced {others_done:.0f} s into the run; the failing repo gave up at "
                 f"{gave_up:.0f} s ({failing.sync_status}: {failing.last_error[:80]!r})")


def _check_quota(report: Report, hub) -> None:
    windows = Counter(int(logged.at // QUOTA_WINDOW) for logged in hub.requests)
    busiest = max(windows.values(), default=0)
    report.check("the Hub quota is never exceeded", busiest <= QUOTA_CALLS + WORKER_THREADS,
                 f"busiest {QUOTA_WINDOW} s window: {busiest} requests (quota {QUOTA_CALLS}, +{WORKER_THREADS} in "
                 f"flight); {len(hub.requests)} requests in {len(windows)} windows")


def _check_odd_cards(report: Report, ids: list[str]) -> None:
    rows = {row.repo_id: row for row in namespace_repos(NAMESPACE).filter(repo_id__in=ids[70:73])}
    nul, big, gone = rows[ids[70]], rows[ids[71]], rows[ids[72]]
    report.check("a card with a NUL byte is stored without it",
                 nul.sync_status == "ok" and "\x00" not in str(nul.card_data)
                 and "nulinside" in str(nul.card_data), f"{nul.sync_status} {nul.card_data.get('model_name')!r}")
    report.check("a card with a 1 MB field is stored", big.sync_status == "ok"
                 and len(big.card_data.get("description", "")) == len(OVERSIZED), f"{big.sync_status}")
    report.check("a repo gone for one run is not marked missing", gone.sync_status != "missing",
                 f"{gone.sync_status}, not found {gone.not_found_count} time(s)")
