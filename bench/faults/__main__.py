"""Fault scenarios on the real stack, each with explicit pass criteria printed as PASS/FAIL lines.

    .venv/bin/python -m bench.faults all                 # every scenario, one after the other
    .venv/bin/python -m bench.faults redis-down postgres-restart
    .venv/bin/python -m bench.faults load --duration 60  # the quick version of the 10-minute load

Self-contained: each invocation starts its own PostgreSQL cluster (initdb in a temporary directory, run as
the `postgres` account), two redis-servers (broker: noeviction; cache: allkeys-lru with a memory limit), the
fake Hub, and per scenario gunicorn, a Celery worker and beat, all on free private ports; everything it
started is stopped at the end, whatever happens (Ctrl-C and SIGTERM included). The shared PostgreSQL and
Redis are never touched. Logs of every process: bench/results/faults-logs/; results: bench/results/*.json.
Exit status 0 only if every check passed. See docs/reliability.md.
"""

import argparse
import logging
import os
import signal
import sys
import time

from bench.faults import hub_storm, load, postgres_restart, redis_down, worker_kill
from bench.faults.report import RESULTS, Report
from bench.faults.services import work_directory
from bench.faults.stack import private_stack

SCENARIOS = {
    "worker-kill": worker_kill.run,
    "redis-down": redis_down.run,
    "postgres-restart": postgres_restart.run,
    "hub-storm": hub_storm.run,
    "load": load.run,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the fake Hub's access log: one line a request
    names = list(SCENARIOS) if "all" in args.scenarios else args.scenarios
    # SIGTERM unwinds like Ctrl-C, through every `finally` that stops a process.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    reports = []
    with work_directory(RESULTS / "faults-logs") as workdir, private_stack(workdir, RESULTS / "faults-logs") as stack:
        for name in names:
            print(f"\n== {name} ({time.strftime('%H:%M:%S', time.gmtime())} UTC)", flush=True)
            report = Report(name)
            try:
                SCENARIOS[name](stack, report, **vars(args))
            except Exception as error:  # the scenario could not finish: that is a failure, with its reason
                report.check("the scenario ran to its end", False, repr(error))
            reports.append(report)
            print(f"== {name}: {'PASS' if report.passed else 'FAIL'} (results: {report.save()})", flush=True)
    print("\n" + "\n".join(f"{'PASS' if r.passed else 'FAIL'}  {r.scenario}" for r in reports))
    return 0 if all(report.passed for report in reports) else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.faults", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("scenarios", nargs="+", choices=[*SCENARIOS, "all"])
    parser.add_argument("--repos", type=int, default=1000, help="worker-kill: repos in the sync (default 1,000)")
    parser.add_argument("--duration", type=float, default=600,
                        help="load: seconds of sustained load (default 600; 60 for a quick check)")
    parser.add_argument("--outage", type=float, default=60, help="redis-down: seconds Redis stays down")
    return parser


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.exit(main())
