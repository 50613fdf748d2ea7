"""Hub sync benchmark: a real worker syncing N synthetic repos across M namespaces from a fake Hub.

    .venv/bin/python bench/sync_benchmark.py --sizes 1000 10000 --namespaces 5 --latency-ms 20 \\
        --rate-calls 60 --rate-window 1

For each size it starts `python -m tests.fakehub --synthetic …` (a separate process answering every
request after --latency-ms), creates a fresh PostgreSQL database with the repos attached to projects
of 10, starts `celery -A config worker -P threads` against Redis, then triggers two runs of
`sync_hub_task`: a first sync (every repo read in detail) and a no-change sync. It prints, per run,
the requests made (the workers' client counter) against the minimum (the listing pages), the requests per
repo beyond those pages, the wall time against the bound the rate limit sets (requests / (calls per window /
window)), the wall time the same requests take at the Hub's real free quota (1,000 calls per 300 s), and the
worker's peak RSS.

Needs PostgreSQL and Redis (--pg, --redis). The Redis database given is FLUSHED before each size
(its rate-limit counters and claims would carry over); tasks go to a queue of the benchmark's own.
"""

import argparse
import math
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PAGE_SIZE = 1000  # the fake Hub's (and the Hub's) listing page
DATASETS_PER_NAMESPACE = 10  # synthetic models declare <ns>/corpus-00000{0..9}
FREE_QUOTA_PER_SECOND = 1000 / 300  # the Hub's free-user API quota: 1,000 calls per 5-minute window


@dataclass
class Result:
    repos: int
    sync: str
    requests: int
    minimum: int
    seconds: float
    bound: float
    peak_rss_mb: float


def main() -> None:
    args = _parser().parse_args()
    results = []
    for size in args.sizes:
        results += bench_size(args, size)
    print_table(results, args)


def bench_size(args, size: int) -> list[Result]:
    database = f"bench_sync_{size}"
    env = os.environ | {
        # Production settings: DEBUG would keep every query of every thread in memory.
        "DATABASE_URL": f"{args.pg}/{database}", "REDIS_URL": args.redis, "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "benchmark-only-not-secret",
        "HUB_RATE_LIMIT_CALLS": str(args.rate_calls), "HUB_RATE_LIMIT_WINDOW_SECONDS": str(args.rate_window),
        "HF_HUB_DISABLE_TELEMETRY": "1", "LOG_LEVEL": "WARNING", "BENCH_QUEUE": f"bench-sync-{uuid.uuid4().hex}",
    }
    _reset_services(args, database)
    with fake_hub(args, size) as endpoint, TemporaryDirectory() as hf_home:
        env |= {"HF_ENDPOINT": endpoint, "HF_HOME": hf_home}
        _run([PYTHON, "manage.py", "migrate", "-v0"], env)
        _run([PYTHON, __file__, "--seed", str(size), "--namespaces", str(args.namespaces)], env)
        with worker(args, env) as worker_pid:
            first = _trigger_and_wait(env)
            first_peak = _peak_rss_mb(worker_pid)
            second = _trigger_and_wait(env)
            second_peak = _peak_rss_mb(worker_pid)
    pages = args.namespaces * (math.ceil(size / args.namespaces / PAGE_SIZE) + 1)
    rate = args.rate_calls / args.rate_window
    # The minimum of both syncs is the listing pages: a listed repo's row says all that model_info would.
    return [
        Result(size, "first", first[0], pages, first[1], first[0] / rate, first_peak),
        Result(size, "no-change", second[0], pages, second[1], second[0] / rate, second_peak),
    ]


@contextmanager
def fake_hub(args, size: int):
    command = [PYTHON, "-m", "tests.fakehub", "--no-fixtures", "--latency-ms", str(args.latency_ms),
               "--datasets-per-namespace", str(DATASETS_PER_NAMESPACE)]
    for index in range(args.namespaces):
        command += ["--synthetic", f"bench-ns{index}:{size // args.namespaces}"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        yield line.strip().rsplit(" ", 1)[1]
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def worker(args, env):
    command = [str(ROOT / ".venv" / "bin" / "celery"), "-A", "bench.celery_app", "worker", "-P", args.pool,
               "-c", str(args.concurrency), "-Q", env["BENCH_QUEUE"], "-l", "WARNING", "--without-gossip",
               "--without-mingle"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        _run([PYTHON, __file__, "--wait-for-worker"], env)
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=60)


def _trigger_and_wait(env) -> tuple[int, float]:
    output = subprocess.run([PYTHON, __file__, "--trigger"], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True).stdout.split()
    return int(output[0]), float(output[1])


def _peak_rss_mb(pid: int) -> float:
    """The highest peak RSS (VmHWM) of the worker and of its pool processes, if any."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return max(_vm_hwm_kb(process) for process in [pid, *map(int, children)]) / 1024


def _vm_hwm_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])


def _reset_services(args, database: str) -> None:
    host = args.pg.split("@")[-1].split(":")[0]
    for sql in (f"DROP DATABASE IF EXISTS {database}", f"CREATE DATABASE {database}"):
        subprocess.run(["psql", "-h", host, "-U", "postgres", "-qc", sql], check=True)
    redis_db = args.redis.rsplit("/", 1)[1]
    subprocess.run(["redis-cli", "-n", redis_db, "FLUSHDB"], check=True, capture_output=True)


def _run(command, env) -> None:
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def print_table(results: list[Result], args) -> None:
    print(f"\nlatency {args.latency_ms} ms, rate limit {args.rate_calls} calls / {args.rate_window} s, "
          f"{args.namespaces} namespaces, worker -P {args.pool} -c {args.concurrency}")
    repos = args.namespaces * DATASETS_PER_NAMESPACE  # the datasets the models declare, also repos
    print(f"{'repos':>6} {'sync':<9} {'requests':>8} {'pages':>6} {'per repo':>8} "
          f"{'wall s':>7} {'bound s':>8} {'ratio':>6} {'free quota':>10} {'peak RSS MB':>11}")
    for r in results:
        per_repo = (r.requests - r.minimum) / (r.repos + repos)
        at_quota = r.requests / FREE_QUOTA_PER_SECOND
        print(f"{r.repos:>6} {r.sync:<9} {r.requests:>8} {r.minimum:>6} {per_repo:>8.3f} "
              f"{r.seconds:>7.1f} {r.bound:>8.1f} {r.seconds / r.bound if r.bound else 0:>6.2f} "
              f"{_duration(at_quota):>10} {r.peak_rss_mb:>11.0f}")


def _duration(seconds: float) -> str:
    return f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds / 60:.1f} min" if seconds >= 60 else f"{seconds:.0f} s"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--namespaces", type=int, default=5)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--rate-calls", type=int, default=60)
    parser.add_argument("--rate-window", type=int, default=1)
    parser.add_argument("--pool", choices=["threads", "prefork"], default="threads")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/12")
    return parser


if __name__ == "__main__":
    # Steps that need Django run in child processes with the benchmark's environment.
    sys.path.insert(0, str(ROOT))
    from bench import django_steps

    if not django_steps.dispatch(sys.argv[1:]):
        main()
