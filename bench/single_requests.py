"""One client, cache off: each URL's time (median and slowest of N), SQL queries and bytes, in-process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry_bench \\
        .venv/bin/python bench/single_requests.py --runs 7 /api/v1/projects/ /projects/lucie-700/

What a visitor waits for when nothing is cached, without HTTP or gunicorn: Django's test client through the whole
middleware stack, with the production settings and no volatile cache (`bench/settings.py`, BENCH_COLD), against a
catalog made by bench/generate_catalog.py. The first request of each URL is left out (it warms Python's imports).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URLS = [
    "/api/v1/projects/", "/api/v1/projects/?search=language", "/projects/?country=FR", "/projects/?search=language",
    "/grid/", "/projects/lucie-700/", "/badges/lucie-700.svg", "/", "/sitemap-projects.xml",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed requests per URL (default 7)")
    parser.add_argument("urls", nargs="*", default=DEFAULT_URLS)
    options = parser.parse_args(argv)
    os.environ.update({"DJANGO_SETTINGS_MODULE": "bench.settings", "BENCH_COLD": "true", "DJANGO_DEBUG": "false",
                       "DJANGO_HTTPS": "false", "DJANGO_SECRET_KEY": "single-requests-benchmark-only-not-a-secret",
                       "DJANGO_ALLOWED_HOSTS": "testserver", "API_ANON_RATE": "100000000/minute",
                       "PAGE_RENDER_RATE": "", "LOG_LEVEL": "ERROR"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    print(f"{'url':40} {'status':>6} {'median ms':>9} {'max ms':>7} {'queries':>7} {'bytes':>9}")
    for url in options.urls:
        client.get(url)
        times = []
        for _ in range(options.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
        print(f"{url:40} {response.status_code:>6} {statistics.median(times):>9.1f} {max(times):>7.1f} "
              f"{len(queries.captured_queries):>7} {len(response.content):>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
