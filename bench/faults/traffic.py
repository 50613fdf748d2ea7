"""Steady HTTP traffic over a mix of pages, API resources and badges, with every answer recorded."""

import http.client
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


def url_mix() -> list[str]:
    """Pages, API resources and badges of the seeded catalog (the harness's Django reads the slugs)."""
    from registry.models import Organisation, Project

    projects = list(Project.objects.exclude(status=Project.Status.HIDDEN).order_by("slug")
                    .values_list("slug", flat=True)[:3])
    organisation = Organisation.objects.order_by("slug").values_list("slug", flat=True).first()
    paths = ["/", "/projects/", "/grid/", "/organisations/", f"/organisations/{organisation}/", "/status/",
             "/api/v1/projects/", "/api/v1/stats/", "/api/v1/hub-repos/?page_size=50", "/healthz"]
    for slug in projects:
        paths += [f"/projects/{slug}/", f"/api/v1/projects/{slug}/", f"/badges/{slug}.svg",
                  f"/badges/{slug}/model.svg"]
    return paths


@dataclass
class Answer:
    at: float  # seconds since the traffic started, when the answer (or the failure) came
    path: str
    status: int  # 0: no HTTP answer (refused, reset, timeout)
    detail: str = ""


@dataclass
class Traffic:
    """`threads` clients, each sending one request every `interval` seconds, round-robin over `paths`."""

    base_url: str
    paths: list[str]
    threads: int = 2
    interval: float = 0.1
    timeout: float = 10
    answers: list[Answer] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __enter__(self) -> "Traffic":
        self.started = time.monotonic()
        self._workers = [threading.Thread(target=self._client, args=(n,), daemon=True) for n in range(self.threads)]
        for worker in self._workers:
            worker.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=self.timeout + 5)

    def now(self) -> float:
        return time.monotonic() - self.started

    def failures(self, since: float = 0, until: float = float("inf")) -> list[Answer]:
        with self._lock:
            return [a for a in self.answers if since <= a.at < until and not 200 <= a.status < 400]

    def count(self, since: float = 0, until: float = float("inf")) -> int:
        with self._lock:
            return sum(1 for a in self.answers if since <= a.at < until)

    def _client(self, number: int) -> None:
        host = urlsplit(self.base_url)
        index = number
        while not self._stop.is_set():
            path = self.paths[index % len(self.paths)]
            index += self.threads
            answer = get(host.hostname, host.port, path, self.timeout, self.now)
            with self._lock:
                self.answers.append(answer)
            self._stop.wait(self.interval)


def get(host: str, port: int, path: str, timeout: float, clock) -> Answer:
    """One GET on a fresh connection (a broken keep-alive connection must not hide a server's recovery)."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        detail = "" if response.status < 400 else body[:200].decode("utf-8", "replace")
        return Answer(clock(), path, response.status, detail)
    except OSError as error:
        return Answer(clock(), path, 0, repr(error))
    finally:
        connection.close()


def fetch(base_url: str, path: str, *, method: str = "GET", body: bytes | None = None, headers: dict | None = None,
          timeout: float = 10) -> tuple[int, str]:
    """One request; its status (0 without an answer) and body."""
    host = urlsplit(base_url)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    except OSError as error:
        return 0, repr(error)
    finally:
        connection.close()
