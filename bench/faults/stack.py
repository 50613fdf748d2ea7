"""The real stack on private ports: PostgreSQL, a broker Redis (noeviction), a cache Redis (allkeys-lru,
64 MB), the fake Hub, and per scenario gunicorn, a Celery worker and beat with the scenario's settings.

The harness process itself is a Django client of the same database and broker (to seed, to send tasks, to
read the outcome): its settings come from `Stack.env()`, like every child's.
"""

import os
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.faults.processes import VENV_BIN, free_port, kill, spawn, stop, wait_for_port
from bench.faults.services import PrivatePostgres, PrivateRedis, private_postgres, private_redis
from tests.fakehub import FakeHub

CACHE_MAXMEMORY = "64mb"
# A higher Hub quota than the real one (1,000 calls per 5 min) so that syncs of 1,000 repos take minutes, not
# hours, and below what this machine can do, so the limiter is what paces them (see docs/benchmarks.md).
HUB_CALLS_PER_SECOND = 25


@dataclass
class App:
    """gunicorn, a worker and (maybe) beat, started with `env`. The worker can be killed and started again."""

    env: dict
    logs: Path
    port: int
    gunicorn: object = None
    worker: object = None
    beat: object = None
    _exits: ExitStack = field(default_factory=ExitStack)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start_worker(self) -> None:
        self.worker = spawn(worker_command(), log=self.logs / "worker.log", env=self.env)
        wait_for_worker()

    def kill_worker(self) -> None:
        kill(self.worker)

    def stop(self) -> None:
        for process in (self.beat, self.worker, self.gunicorn):
            if process is not None:
                stop(process)


class Stack:
    """The private services; `app()` starts the application processes on them."""

    def __init__(self, workdir: Path, logs: Path, postgres: PrivatePostgres, broker: PrivateRedis,
                 cache: PrivateRedis, hub: FakeHub):
        self.workdir, self.logs = workdir, logs
        self.postgres, self.broker, self.cache, self.hub = postgres, broker, cache, hub

    def env(self, **overrides: str) -> dict:
        hf_home = self.workdir / "hf-home"
        hf_home.mkdir(exist_ok=True)
        return {**os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "false", "DJANGO_HTTPS": "false",
                "DJANGO_SECRET_KEY": "fault-scenarios-only-not-a-secret", "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DATABASE_URL": self.postgres.url, "REDIS_URL": self.broker.url, "CACHE_URL": self.cache.url,
                # Persistent connections, so that a PostgreSQL restart exercises CONN_HEALTH_CHECKS.
                "CONN_MAX_AGE": "60",
                # One client address sends every request here: the anonymous API and page-render throttles are
                # not under test.
                "API_ANON_RATE": "1000000/minute", "PAGE_RENDER_RATE": "1000000/minute",
                "HF_ENDPOINT": self.hub.url, "HF_HOME": str(hf_home), "HF_HUB_DISABLE_TELEMETRY": "1",
                "HUB_RATE_LIMIT_CALLS": str(HUB_CALLS_PER_SECOND), "HUB_RATE_LIMIT_WINDOW_SECONDS": "1",
                "HUB_TIMEOUT_SECONDS": "3", "LOG_LEVEL": "WARNING", **overrides}

    @contextmanager
    def app(self, *, beat: bool = False, gunicorn_workers: int = 2, **env_overrides: str):
        """gunicorn, a worker and optionally beat, stopped (whatever happens) when the block ends."""
        app = App(env=self.env(**env_overrides), logs=self.logs, port=free_port())
        try:
            app.gunicorn = spawn(gunicorn_command(app.port, gunicorn_workers), log=self.logs / "gunicorn.log",
                                 env=app.env)
            wait_for_port(app.port, process=app.gunicorn)
            app.start_worker()
            if beat:
                app.beat = spawn([str(VENV_BIN / "celery"), "-A", "config", "beat", "-l", "INFO",
                                  "-s", str(self.workdir / "beat-schedule")], log=self.logs / "beat.log", env=app.env)
            yield app
        finally:
            app.stop()


def worker_command() -> list[str]:
    return [str(VENV_BIN / "celery"), "-A", "config", "worker", "-P", "threads", "-c", "4", "-l", "INFO",
            "--without-gossip", "--without-mingle", "-n", "faults@%h"]


def gunicorn_command(port: int, workers: int) -> list[str]:
    return [str(VENV_BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--timeout", "30", "--graceful-timeout", "10"]


def wait_for_worker(timeout: float = 90) -> None:
    from config.celery import app

    deadline = time.monotonic() + timeout
    while not _ping(app):
        if time.monotonic() > deadline:
            raise TimeoutError("the Celery worker did not answer a ping")


def _ping(app) -> list:
    try:
        return app.control.ping(timeout=1)
    except Exception:  # a broker connection from before a Redis restart: kombu reconnects on the next try
        app.pool.force_close_all()
        return []


@contextmanager
def private_stack(workdir: Path, logs: Path):
    """Start every private service, point this process's Django at them, migrate and seed the catalog."""
    with ExitStack() as services:
        postgres = services.enter_context(private_postgres(workdir))
        broker = services.enter_context(private_redis(workdir, "redis-broker", "--maxmemory-policy", "noeviction"))
        cache = services.enter_context(private_redis(workdir, "redis-cache", "--maxmemory", CACHE_MAXMEMORY,
                                                     "--maxmemory-policy", "allkeys-lru"))
        hub = services.enter_context(FakeHub())
        stack = Stack(workdir, logs, postgres, broker, cache, hub)
        os.environ.update(stack.env())
        _set_up_django()
        yield stack


def _set_up_django() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    for command in ("migrate", "collectstatic", "load_catalog", "recompute_openness", "load_hub_snapshot"):
        options = {"interactive": False} if command == "collectstatic" else {}
        call_command(command, verbosity=0, **options)

