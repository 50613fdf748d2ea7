"""Load benchmark: the site and the API under wrk, against the production stack on this machine, with two
references measured in the same run (docs/benchmarks.md, "Load").

    .venv/bin/python bench/load_benchmark.py --projects 10000 [--duration 10] [--workers 3]

Starts a private PostgreSQL cluster and two private Redis servers (broker: noeviction; cache: allkeys-lru, as
docker-compose.yml), fills the database with bench/generate_catalog.py's catalog of N projects, and measures
each target URL with wrk (16 connections, one thread, `--duration` seconds per run):

* **cold**: gunicorn with `BENCH_COLD=true` (bench/settings.py: no volatile cache, so every API response and
  page is computed as on a cache miss); a target with a slug cycles through 200 projects' URLs; an unrecorded
  2-s run first lets every worker import the view's modules and compile its templates;
* **warm**: gunicorn with the production settings, the URL asked once first (a cache hit afterwards);
* **304**: the same URL with `If-None-Match` and the ETag of the warm answer;
* **bare**: the warm answer's bytes returned by a bare Django view through the full middleware stack
  (bench/urls.py, only in the benchmark's URLconf), the framework's floor;
* **nginx**: the same bytes as a static file served by Debian's nginx, the machine's physical limit;
* **front**: config/nginx.conf (micro-cache) in front of the warm gunicorn, the production front.

gunicorn runs `--workers` sync workers (3, as docker-compose.yml) with DJANGO_DEBUG=false and the settings of
docker-compose.yml (CONN_MAX_AGE 60, `--conn-max-age`); throttles are lifted (one client sends everything).
SQL queries per request are counted once per target and mode with Django's test client. The results go to
bench/results/load-<N>-<time>.json and a table is printed.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.faults.processes import VENV_BIN, free_port, running, wait_for_port  # noqa: E402
from bench.faults.services import private_postgres, private_redis, work_directory  # noqa: E402

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONNECTIONS = 16
SLUGS = 200  # distinct projects a cold run cycles through
RESULTS = ROOT / "bench" / "results"
# (name, extension of its payload file, path template); {slug} is a model family's slug, {cursor} a cursor in
# the middle of the list, {term} a search term.
TARGETS = [
    ("api-list", "json", "/api/v1/projects/"),
    ("api-list-deep", "json", "/api/v1/projects/?cursor={cursor}"),
    ("api-detail", "json", "/api/v1/projects/{slug}/"),
    ("api-search", "json", "/api/v1/projects/?search={term}"),
    ("html-list-facet", "html", "/projects/?country=FR"),
    ("grid", "html", "/grid/"),
    ("project-page", "html", "/projects/{slug}/"),
    ("badge", "svg", "/badges/{slug}.svg"),
]
SEARCH_TERM = "language"  # in most summaries: a broad search
SETTLE_LIMIT_SECONDS = 180
WARM_UP_SECONDS = 2
FETCH_TIMEOUT_SECONDS = 120
SLOW_MS = 20000
WRK_TIMEOUT = "10s"  # an answer slower than this is an error (a socket timeout in wrk's count)
MODES = ("cold", "warm", "304", "bare", "nginx", "front")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=10000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3, as docker-compose.yml)")
    parser.add_argument("--conn-max-age", type=int, default=60,
                        help="CONN_MAX_AGE of gunicorn (default 60, as docker-compose.yml)")
    parser.add_argument("--only", nargs="*", help="only these targets")
    options = parser.parse_args(argv)
    targets = [t for t in TARGETS if not options.only or t[0] in options.only]
    started = datetime.now(UTC)
    result = {"projects": options.projects, "duration_s": options.duration, "connections": CONNECTIONS,
              "gunicorn_workers": options.workers, "conn_max_age": options.conn_max_age,
              "started_at": started.isoformat(timespec="seconds"), "machine": machine(), "targets": {}}
    RESULTS.mkdir(parents=True, exist_ok=True)
    output = RESULTS / f"load-{options.projects}-{started:%Y%m%dT%H%M%S}.json"
    with work_directory(RESULTS / "logs") as workdir, ExitStack() as services:
        postgres = services.enter_context(private_postgres(workdir))
        broker = services.enter_context(private_redis(workdir, "redis-broker", "--maxmemory-policy", "noeviction"))
        cache = services.enter_context(private_redis(workdir, "redis-cache", "--maxmemory", "256mb",
                                                     "--maxmemory-policy", "allkeys-lru"))
        payloads = workdir / "payloads"
        payloads.mkdir()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DJANGO_DEBUG": "false",
               "DJANGO_HTTPS": "false", "DJANGO_SECRET_KEY": "load-benchmark-only-not-a-secret",
               "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver", "DATABASE_URL": postgres.url,
               "REDIS_URL": broker.url, "CACHE_URL": cache.url, "CONN_MAX_AGE": str(options.conn_max_age),
               "API_ANON_RATE": "100000000/minute", "PAGE_RENDER_RATE": "", "LOG_LEVEL": "WARNING",
               "BENCH_PAYLOADS": str(payloads)}
        env.pop("BENCH_COLD", None)
        os.environ.update(env)
        result["generate_s"], result["catalog"] = prepare_django(options.projects)
        urls = target_urls(targets)
        logs = workdir
        cold_env = {**env, "BENCH_COLD": "true"}
        with gunicorn(cold_env, options.workers, logs) as base:
            for name, _, _ in targets:
                target = result["targets"][name] = {"path": urls[name][0], "runs": {}}
                # Unrecorded: each worker's first requests of a view import its modules and compile its templates.
                wrk(base, urls[name], WARM_UP_SECONDS, workdir)
                target["single_cold_ms"] = single_client_ms(base, urls[name][1:4] if len(urls[name]) > 1 else urls[name] * 3)
                target["runs"]["cold"] = wrk(base, urls[name], options.duration, workdir)
                report_progress(name, "cold", result)
                save(output, result)
        with gunicorn(env, options.workers, logs) as base:
            for name, extension, _ in targets:
                target = result["targets"][name]
                target["single_warm_ms"] = single_client_ms(base, urls[name][:1] * 4)[1:]  # the first fills the cache
                try:
                    body, etag = fetch(base + urls[name][0])
                except OSError as error:  # slower than FETCH_TIMEOUT_SECONDS, or a gunicorn timeout
                    target["fetch_error"] = str(error)
                    continue
                (payloads / f"{name}.{extension}").write_bytes(body)
                target.update(bytes=len(body), etag=etag, queries=count_queries(urls[name][0], etag))
            with nginx(workdir, payloads, base) as (static, front):
                for name, extension, _ in targets:
                    target, path = result["targets"][name], urls[name][0]
                    runs = target["runs"]
                    if "fetch_error" in target:
                        continue
                    single_client_ms(base, [path])  # stored again: counting queries emptied the cache
                    runs["warm"] = wrk(base, [path], options.duration, workdir)
                    runs["304"] = wrk(base, [path], options.duration, workdir,
                                      headers={"If-None-Match": target["etag"]}) if target["etag"] else None
                    runs["bare"] = wrk(base, [f"/bench/bare/{name}.{extension}"], options.duration, workdir)
                    runs["nginx"] = wrk(static, [f"/ref/{name}.{extension}"], options.duration, workdir)
                    runs["front"] = wrk(front, [path], options.duration, workdir)
                    for mode in MODES[1:]:
                        report_progress(name, mode, result)
                    save(output, result)
    result["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    save(output, result)
    print(table(result))
    print(f"\nwritten to {output.relative_to(ROOT)}")
    return 0


def save(output: Path, result: dict) -> None:
    """Written after every target, so that a run cut short keeps what it measured."""
    output.write_text(json.dumps(result, indent=2), encoding="utf-8")


def single_client_ms(base: str, paths: list[str]) -> list[float]:
    """Milliseconds of each of `paths` asked in turn by one client (a failed answer counts as None)."""
    times = []
    for path in paths:
        asked = time.monotonic()
        try:
            fetch(base + path)
        except OSError:
            times.append(None)
            break
        times.append(round(1000 * (time.monotonic() - asked), 1))
        if times[-1] > SLOW_MS:
            break  # one such sample is enough
    return times


def machine() -> dict:
    return {"cpus": os.cpu_count(), "load_average": os.getloadavg(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "cpu": next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                         if line.startswith("model name")), "?"),
            "wrk": "Debian wrk", "nginx": subprocess.run([NGINX, "-v"], capture_output=True, text=True).stderr.strip()}


def report_progress(name: str, mode: str, result: dict) -> None:
    run = result["targets"][name]["runs"].get(mode)
    if run:
        print(f"  {name:<16} {mode:<5} {run['rps']:>9.1f}/s p50 {_cell(run['p50_ms'])} ms p99 {_cell(run['p99_ms'])} ms"
              f" errors {run['errors']} load {run['load_average'][0]:.1f} settle {run['settle_s']} s", flush=True)


# --- Django steps (this process is a client of the benchmark's database) ------------------------------------

def prepare_django(projects: int) -> tuple[float, dict[str, int]]:
    """Migrate, generate the catalog, collect static files; return the generation's seconds and row counts."""
    import django

    django.setup()
    from django.core.management import call_command

    from bench.generate_catalog import generate, vacuum_analyze

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.monotonic()
    counted = generate(projects, log=lambda message: print(f"  generate: {message}", flush=True))
    vacuum_analyze()
    return round(time.monotonic() - started, 1), counted["catalog"]


def target_urls(targets) -> dict[str, list[str]]:
    """Each target's paths: the first is the warm one; a target with a slug has SLUGS of them."""
    from registry.models import Project

    families = list(Project.objects.filter(kind=Project.Kind.MODEL_FAMILY, hub_repos__isnull=False)
                    .order_by("pk").values_list("slug", flat=True).distinct())
    step = max(1, len(families) // SLUGS)
    slugs = families[::step][:SLUGS]
    slugs.insert(0, slugs.pop(len(slugs) // 2))  # the warm URL: a copy, not a seed project
    cursor = deep_cursor()
    return {name: [template.format(slug=slug, cursor=cursor, term=SEARCH_TERM)
                   for slug in (slugs if "{slug}" in template else slugs[:1])]
            for name, _, template in targets}


def deep_cursor() -> str:
    """The API list's cursor to its middle row, made as its `next` links are (api/cursors.py)."""
    import base64

    from django.test import Client

    from api.cursors import encode_cursor
    from registry import selectors

    next_url = Client().get("/api/v1/projects/").json()["next"]
    token = re.search(r"cursor=([^&]+)", next_url)[1]
    ordering = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))["o"]
    projects = selectors.list_projects(with_evidence=False).order_by(*ordering)
    middle = projects.values_list(*[field.lstrip("-") for field in ordering])[projects.count() // 2]
    return encode_cursor(tuple(middle), ordering=tuple(ordering), backwards=False)


def count_queries(path: str, etag: str | None) -> dict[str, int | None]:
    """SQL queries of one request: cache empty, cache hit, and conditional GET."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()

    def queries(**headers) -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(path, headers=headers)
        assert response.status_code in (200, 304), (path, response.status_code)
        return len(context.captured_queries)

    caches["volatile"].clear()
    cold = queries()
    warm = queries()
    local_etag = client.get(path).headers.get("ETag")  # the test client's host differs: its own ETag
    return {"cold": cold, "warm": warm, "304": queries(**{"If-None-Match": local_etag}) if etag else None}


# --- Processes ----------------------------------------------------------------------------------------------

@contextmanager
def gunicorn(env: dict, workers: int, logs: Path):
    port = free_port()
    command = [str(VENV_BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--timeout", "30", "--graceful-timeout", "10"]
    with running(command, log=logs / "gunicorn.log", env=env, port=port):
        base = f"http://127.0.0.1:{port}"
        fetch(base + "/healthz")
        yield base


@contextmanager
def nginx(workdir: Path, payloads: Path, upstream: str):
    """Debian's nginx: the payloads as static files under /ref/, and config/nginx.conf in front of `upstream`.
    Yields (static base URL, front base URL)."""
    prefix = workdir / "nginx"
    prefix.mkdir()
    static_port, front_port = free_port(), free_port()
    site = (ROOT / "config" / "nginx.conf").read_text(encoding="utf-8")
    site = (site.replace("server web:8000;", f"server {upstream.removeprefix('http://')};")
            .replace("/var/cache/nginx/registry", str(prefix / "cache"))
            .replace("listen 80;", f"listen 127.0.0.1:{front_port};"))
    temp_paths = "".join(f"{kind}_temp_path {prefix / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                          "uwsgi", "scgi"))
    user = "user root;" if os.geteuid() == 0 else ""  # else workers run as nobody, who cannot read workdir
    (prefix / "nginx.conf").write_text(
        f"{user} daemon off; worker_processes auto; pid {prefix / 'nginx.pid'}; error_log {prefix / 'error.log'} warn;"
        f"events {{ worker_connections 1024; }} http {{ access_log off; include /etc/nginx/mime.types; {temp_paths}"
        f" server {{ listen 127.0.0.1:{static_port}; location /ref/ {{ alias {payloads}/; }} }} {site} }}",
        encoding="utf-8")
    with running([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")], log=workdir / "nginx.log"):
        wait_for_port(static_port)
        wait_for_port(front_port)
        yield f"http://127.0.0.1:{static_port}", f"http://127.0.0.1:{front_port}"


def fetch(url: str) -> tuple[bytes, str | None]:
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as response:
        return response.read(), response.headers.get("ETag")


# --- wrk ----------------------------------------------------------------------------------------------------

def wrk(base: str, paths: list[str], seconds: int, workdir: Path, headers: dict | None = None) -> dict:
    """One wrk run (one thread, CONNECTIONS connections) sending `paths` in turn; its numbers."""
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", WRK_TIMEOUT]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if len(paths) > 1:
        script = Path(tempfile.mkstemp(suffix=".lua", dir=workdir)[1])
        listed = ", ".join(json.dumps(path) for path in paths)
        script.write_text(f"local paths = {{{listed}}}\nlocal i = 0\nfunction request()\n  i = i + 1\n"
                          "  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n", encoding="utf-8")
        command += ["-s", str(script), base]
    else:
        command.append(base + paths[0])
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    numbers = parse_wrk(output)
    if numbers["requests"] == 0:  # wrk counts no timeout for a connection that never got an answer
        numbers["unanswered"] = CONNECTIONS
        numbers["errors"] += CONNECTIONS
    return {**numbers, "wrk_output": output, "load_average": os.getloadavg(), "settle_s": settle(base)}


def settle(base: str, *, limit: float = SETTLE_LIMIT_SECONDS) -> float:
    """Seconds until the server answers /healthz within a second again: requests wrk gave up on (a render
    longer than its timeout) still hold gunicorn's workers after a run, and would slow the next one."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        asked = time.monotonic()
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=limit) as response:
                response.read()
        except OSError:
            pass
        if time.monotonic() - asked < 1:
            break
    return round(time.monotonic() - started, 1)


def parse_wrk(output: str) -> dict:
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    percentiles = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", output, re.MULTILINE))
    requests = int(re.search(r"(\d+) requests in", output)[1])
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]), "requests": requests,
            "p50_ms": _ms(percentiles["50"]) if requests else None, "p99_ms": _ms(percentiles["99"]) if requests else None,
            "non_2xx_3xx": int(non_2xx[1]) if non_2xx else 0,
            "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
            "errors": (int(non_2xx[1]) if non_2xx else 0) + (sum(map(int, sockets.groups())) if sockets else 0)}


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 2)


# --- Report -------------------------------------------------------------------------------------------------

def _cell(milliseconds: float | None) -> str:
    return f"{'-':>7}" if milliseconds is None else f"{milliseconds:7.1f}"


def table(result: dict) -> str:
    machine_ = result["machine"]
    lines = [f"{result['projects']} projects, wrk {result['connections']} connections {result['duration_s']} s a run, "
             f"gunicorn {result['gunicorn_workers']} workers, {machine_['cpus']} CPUs ({machine_['cpu']}), "
             f"load average at start {machine_['load_average'][0]:.1f}",
             f"{'target':<16} {'mode':<5} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
             f"{'×bare':>6} {'×nginx':>6} {'SQL':>4} {'bytes':>8}"]
    for name, target in result["targets"].items():
        runs = target["runs"]
        bare, static = runs.get("bare"), runs.get("nginx")
        for mode in MODES:
            run = runs.get(mode)
            if not run:
                continue
            queries = (target.get("queries") or {}).get(mode, "")
            ratios = (f"{run['rps'] / bare['rps']:6.2f} {run['rps'] / static['rps']:6.2f}"
                      if bare and static and mode not in ("bare", "nginx") else f"{'':>6} {'':>6}")
            lines.append(f"{name:<16} {mode:<5} {run['rps']:8.1f} {_cell(run['p50_ms'])} {_cell(run['p99_ms'])} "
                         f"{run['errors']:6d} {ratios} {'' if queries is None else queries:>4} "
                         f"{target.get('bytes', ''):>8}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
