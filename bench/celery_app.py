"""The project's Celery app with a queue of the benchmark's own (BENCH_QUEUE).

Another worker on the same Redis database consumes the default "celery" queue: it would take the
benchmark's tasks and run them against its own database. Repo tasks are enqueued by the worker
itself, so the worker's app must route them: `celery -A bench.celery_app worker -Q $BENCH_QUEUE`.
"""

import os

from config.celery import app

app.conf.task_default_queue = os.environ["BENCH_QUEUE"]

__all__ = ["app"]
