"""config/nginx.conf, the production front of docker-compose.yml, run by Debian's nginx in front of the live
test server: it micro-caches anonymous pages for as long as the site's Cache-Control allows a shared cache,
never keeps or serves a personal answer, and overwrites the forwarding headers a client sends."""

import gzip
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from registry.services.catalog_version import bump_catalog_version
from tests.factories import ProjectFactory

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx); "
                                                          "scripts/test and .ci/run install it"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def front(live_server, tmp_path):
    """nginx with the repository's site configuration, its upstream the live server, its cache in tmp_path."""
    upstream = live_server.url.removeprefix("http://")
    port = free_port()
    site = (settings.BASE_DIR / "config" / "nginx.conf").read_text(encoding="utf-8")
    site = (site.replace("server web:8000;", f"server {upstream};")
            .replace("/var/cache/nginx/registry", str(tmp_path / "cache"))
            .replace("listen 80;", f"listen 127.0.0.1:{port};"))
    temp_paths = "".join(f"{kind}_temp_path {tmp_path / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                            "uwsgi", "scgi"))
    # As root, nginx's workers would run as "nobody", who cannot write into the test's directory.
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user} daemon off; worker_processes 1; pid {tmp_path / 'nginx.pid'}; error_log {tmp_path / 'error.log'} warn;"
        f"events {{ worker_connections 64; }} http {{ access_log off; {temp_paths} {site} }}", encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                               stderr=subprocess.PIPE)
    try:
        _wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx stopped: {process.stderr.read().decode()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("nginx did not start listening within 10 s")


def get(url: str, **headers) -> tuple[str, str, bytes]:
    """(X-Cache-Status, Cache-Control, body) of a GET."""
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("X-Cache-Status"), response.headers.get("Cache-Control"), response.read()


def test_an_anonymous_page_is_rendered_once_then_served_from_the_front(front):
    ProjectFactory(slug="lucie", name="Lucie")

    first_status, cache_control, first = get(f"{front}/projects/lucie/")
    second_status, _, second = get(f"{front}/projects/lucie/")

    assert "s-maxage=5" in cache_control and "public" in cache_control
    assert (first_status, second_status) == ("MISS", "HIT")
    assert first == second


def test_a_kept_page_is_never_older_than_its_shared_cache_lifetime(front):
    project = ProjectFactory(slug="lucie", name="Lucie")
    get(f"{front}/projects/lucie/")
    project.name = "Lucie Renamed"
    project.save()
    bump_catalog_version()
    changed = time.monotonic()

    statuses, body = [], b""
    while b"Lucie Renamed" not in body:
        threading.Event().wait(0.25)
        status, _, body = get(f"{front}/projects/lucie/")
        statuses.append(status)
        assert time.monotonic() - changed < settings.PAGE_SHARED_CACHE_SECONDS + 3, statuses

    assert statuses[-1] in ("EXPIRED", "REVALIDATED", "MISS") and set(statuses[:-1]) <= {"HIT"}


def test_a_visitor_with_a_session_or_credentials_is_never_served_from_the_front(front):
    ProjectFactory(slug="lucie", name="Lucie")
    get(f"{front}/projects/lucie/")

    assert get(f"{front}/projects/lucie/", Cookie="sessionid=abc")[0] == "BYPASS"
    assert get(f"{front}/projects/lucie/", Cookie="theme=dark; messages=xyz")[0] == "BYPASS"
    assert get(f"{front}/projects/lucie/", Authorization="Token abc")[0] == "BYPASS"
    assert get(f"{front}/projects/lucie/")[0] == "HIT"


def test_a_personal_answer_is_not_kept(front):
    """The log-in page hands out a CSRF token: the site marks it private, and the front keeps no copy."""
    statuses = [get(f"{front}/accounts/login/")[0] for _ in range(2)]
    _, cache_control, _ = get(f"{front}/accounts/login/")

    assert statuses == ["MISS", "MISS"]
    assert "private" in cache_control


def test_api_answers_are_compressed_for_clients_that_accept_it_and_pages_are_not(front):
    ProjectFactory.create_batch(20, summary="A model family with a summary long enough to compress. " * 3)
    request = urllib.request.Request(f"{front}/api/v1/projects/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        encoding, compressed = response.headers.get("Content-Encoding"), response.read()
    plain = get(f"{front}/api/v1/projects/")[2]
    page = urllib.request.Request(f"{front}/projects/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(page, timeout=10) as response:
        page_encoding = response.headers.get("Content-Encoding")

    assert encoding == "gzip" and gzip.decompress(compressed) == plain and len(compressed) < len(plain) / 4
    assert page_encoding is None
