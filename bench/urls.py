"""The site's URLs plus the load benchmark's bare-Django reference: `/bench/bare/<name>` answers the bytes
saved in BENCH_PAYLOADS/<name> (read once), through the whole middleware stack, with no database or cache.
Used only by bench/settings.py, never by config.urls."""

import mimetypes
import os
from functools import cache
from pathlib import Path

from django.http import Http404, HttpResponse
from django.urls import path

from config.urls import *  # noqa: F403  (handlers)
from config.urls import urlpatterns as site_urlpatterns


@cache
def _payload(name: str) -> tuple[bytes, str]:
    file = Path(os.environ["BENCH_PAYLOADS"]) / name
    if "/" in name or not file.is_file():
        raise Http404(name)
    return file.read_bytes(), mimetypes.guess_type(name)[0] or "application/octet-stream"


def bare(request, name: str):
    body, content_type = _payload(name)
    return HttpResponse(body, content_type=content_type)


urlpatterns = [path("bench/bare/<str:name>", bare), *site_urlpatterns]
