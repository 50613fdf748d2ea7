"""FakeHub: a Hugging Face Hub on 127.0.0.1 that the real huggingface_hub client can talk to."""

import re
import threading
import time
from dataclasses import dataclass, field

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.fakehub import routes
from tests.fakehub.faults import Faults, Target
from tests.fakehub.world import DATASET, MODEL, World

DEFAULT_PAGE_SIZE = 1000  # rows per listing page: the Hub's API pages 1,000 repos at most


@dataclass(frozen=True)
class LoggedRequest:
    """A request the fake Hub received. `query` maps each parameter to all its values."""

    method: str
    path: str
    query: dict[str, list[str]]
    authenticated: bool
    at: float = field(default_factory=time.time, compare=False)  # epoch seconds: quotas are counted per window


class _UnloggedHTTPServer(HTTPServer):
    """pytest-httpserver minus its log of every (request, response): FakeHub keeps a lighter one."""

    def application(self, request: Request) -> Response:
        request.get_data()
        return self.dispatch(request)


class FakeHub:
    """A fake Hub serving a `World` of repos (tests/data/hub by default) over HTTP.

    Tests change the world (`add_model`, `set_model_field`, `remove_repo`…), order faults (`fail`,
    `rate_limit`, `delay`) and read what was asked (`requests`, `count`). Use `start()`/`stop()` or `with`.
    """

    def __init__(self, *, port: int = 0, page_size: int = DEFAULT_PAGE_SIZE, load_fixtures: bool = True):
        self.default_page_size = page_size
        self.page_size = page_size
        self.world = World()
        self.requests: list[LoggedRequest] = []
        self._faults = Faults()
        self._lock = threading.Lock()
        self._server = _UnloggedHTTPServer(host="127.0.0.1", port=port, threaded=True)
        self._server.expect_request(re.compile(".*")).respond_with_handler(self._handle)
        if load_fixtures:
            self.world.load_fixtures()

    @property
    def url(self) -> str:
        """The endpoint to give the client, e.g. http://127.0.0.1:41234 (port known once started)."""
        return f"http://127.0.0.1:{self._server.port}"

    def start(self) -> "FakeHub":
        self._server.start()
        return self

    def stop(self) -> None:
        self.clear_faults()
        self._server.stop()

    def __enter__(self) -> "FakeHub":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def reset(self, load_fixtures: bool = True) -> None:
        """Back to the initial state: the fixtures (or nothing), no faults, an empty log, the first page size."""
        self.clear_faults()
        with self._lock:
            self.world = World()
            if load_fixtures:
                self.world.load_fixtures()
            self.page_size = self.default_page_size
        self.reset_log()
        self._server.clear_handler_errors()

    # The world

    def add_model(self, repo_id: str, data: dict | None = None, card: str | None = None) -> None:
        """Add or replace a model. `data` is its API JSON (basics filled in); `card` its README."""
        with self._lock:
            self.world.add(MODEL, repo_id, data or {}, card)

    def add_dataset(self, repo_id: str, data: dict | None = None, card: str | None = None) -> None:
        """Add or replace a dataset, like `add_model`."""
        with self._lock:
            self.world.add(DATASET, repo_id, data or {}, card)

    def set_model_field(self, repo_id: str, key: str, value) -> None:
        """Change a key of a model's API JSON (e.g. "cardData"); a commit-like change also gets a new sha."""
        with self._lock:
            self.world.set_field(MODEL, repo_id, key, value)

    def set_dataset_field(self, repo_id: str, key: str, value) -> None:
        """Change a key of a dataset's API JSON, like `set_model_field`."""
        with self._lock:
            self.world.set_field(DATASET, repo_id, key, value)

    def remove_repo(self, repo_id: str, repo_type: str | None = None) -> None:
        """Delete a repo ("model", "dataset", or both when None): it answers "not found" from now on."""
        with self._lock:
            self.world.remove(repo_id, repo_type)

    def add_synthetic_namespace(self, namespace: str, n_models: int, n_datasets: int = 0, with_cards: bool = True):
        """Add generated repos `<namespace>/model-000000`… (and `corpus-…` datasets) for benchmarks."""
        with self._lock:
            self.world.add_synthetic_namespace(namespace, n_models, n_datasets, with_cards)

    # Faults. `target` is an exact URL path (no query), a predicate on the werkzeug Request, or None for all.

    def fail(self, target: Target, status: int = 500, times: int | None = 1) -> None:
        """Answer the next `times` matching requests (None: all) with `status`."""
        self._faults.fail(target, status, times)

    def garble(
        self, target: Target, body: str = "<html><body>Bad gateway</body></html>",
        content_type: str = "text/html", times: int | None = 1,
    ) -> None:
        """Answer the next `times` matching requests with status 200 and `body` (HTML, or truncated JSON)."""
        self._faults.garble(target, body, content_type, times)

    def rate_limit(self, target: Target, reset_seconds: int = 1, times: int | None = 1) -> None:
        """Answer the next `times` matching requests with a 429 announcing a reset in `reset_seconds`."""
        self._faults.rate_limit(target, reset_seconds, times)

    def delay(self, seconds: float, target: Target = None, times: int | None = None) -> None:
        """Hold matching requests (by default all, forever) for `seconds` before answering."""
        self._faults.delay(seconds, target, times)

    def clear_faults(self) -> None:
        """Answer normally from now on: every pending fault forgotten, delays in progress cut short."""
        self._faults.clear()

    # The request log

    def count(self, path_prefix: str | None = None, method: str | None = None) -> int:
        """How many requests arrived, optionally only those whose path starts with `path_prefix`."""
        with self._lock:
            return sum(
                1 for logged in self.requests
                if logged.path.startswith(path_prefix or "") and method in (None, logged.method)
            )

    def reset_log(self) -> None:
        with self._lock:
            self.requests = []

    def check_errors(self) -> None:
        """Re-raise the first exception the fake itself raised while answering (a bug in the fake)."""
        errors = self._server.handler_errors
        self._server.clear_handler_errors()
        if errors:
            raise errors[0]

    def _handle(self, request: Request) -> Response:
        self._log(request)
        failure = self._faults.apply(request)
        if failure is not None:
            return failure
        with self._lock:
            return routes.respond(self.world, request, page_size=self.page_size, base_url=self.url)

    def _log(self, request: Request) -> None:
        logged = LoggedRequest(
            request.method, request.path, request.args.to_dict(flat=False), "Authorization" in request.headers
        )
        with self._lock:
            self.requests.append(logged)
