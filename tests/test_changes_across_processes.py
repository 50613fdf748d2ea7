"""A change committed by one process is served by every other process within CATALOG_VERSION_MAX_AGE (the time a
process reuses the catalog version it read), with the default in-process cache: the web server caches API
responses, pages and badges in its own memory, and a management command in another process edits the catalog
through a service."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUP = """
from registry.models import Project
Project.objects.create(slug="p", name="P", kind="model-family", summary="before")
"""
EDIT = """
from registry.models import Project
from registry.services.moderation_edits import save_with_history
project = Project.objects.get(slug="p")
project.summary = "after"
save_with_history(instance=project, changed_fields=["summary"], user=None)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def _get_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    for _ in range(100):
        if server.poll() is not None:
            raise RuntimeError(server.stderr.read().decode())
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


@pytest.fixture
def in_process_cache_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CACHE_URL", "CATALOG_VERSION_MAX_AGE")}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DJANGO_DEBUG": "true"}
    _manage(env, "migrate", "--no-input")
    _manage(env, "shell", "-c", SETUP)
    return env


def _seen_within(seconds: float, check) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_an_edit_made_by_another_process_is_served_within_a_second_despite_the_in_process_cache(
        in_process_cache_env):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT, env=in_process_cache_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/api/v1/projects/p/"
    page = f"http://127.0.0.1:{port}/projects/p/"
    try:
        _wait_until_up(url, server)
        assert _get_json(url)["summary"] == "before"
        assert _get_json(url)["summary"] == "before"  # now served from the server's in-process cache
        assert "before" in _get_text(page)
        assert "before" in _get_text(page)  # likewise

        _manage(in_process_cache_env, "shell", "-c", EDIT)

        # CATALOG_VERSION_MAX_AGE is 1 s by default; the rest is the margin of a loaded machine.
        assert _seen_within(1.5, lambda: _get_json(url)["summary"] == "after")
        assert "after" in _get_text(page) and "before" not in _get_text(page)
    finally:
        server.terminate()
        server.wait(timeout=10)
