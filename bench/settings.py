"""Settings of the load benchmark's gunicorn (bench/load_benchmark.py): the production settings, plus the
bench-only URLconf (bench/urls.py: the bare-Django reference) and, with BENCH_COLD=true, no volatile cache and
no process-local response copies, so that every API response and page is computed as on a cache miss (the
production URLs never see this). The catalog-wide numbers a process keeps per catalog version
(registry.per_version) stay on: once a process computed them, a miss renders the page around them."""

from config.settings import *  # noqa: F403
from config.settings import CACHES, env

ROOT_URLCONF = "bench.urls"

if env.bool("BENCH_COLD", default=False):
    CACHES = {**{alias: cache for alias, cache in CACHES.items() if alias != "response-copies"},
              "volatile": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
