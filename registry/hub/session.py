"""huggingface_hub's shared HTTP client, wired to report its traffic to the HubClient call in progress.

huggingface_hub sends every request through one process-wide `httpx2.Client` (`get_session()`), and
`set_client_factory` replaces it for everyone. So our factory is installed once per process, and its hooks
find the call in progress through a ContextVar (one value per thread or asyncio task). One factory per
HubClient would not work: the last client created would hear every other client's requests.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol

import httpx2
from huggingface_hub import set_client_factory

# Not re-exported by huggingface_hub.utils, but the client it builds needs it (offline mode, request ids);
# huggingface_hub is pinned to 2.4.0.
from huggingface_hub.utils._http import hf_request_event_hook


class Observer(Protocol):
    """What a HubClient call hears of the HTTP traffic it causes."""

    def on_request(self, request: httpx2.Request) -> None:
        """Called just before `request` is sent; may change it, or raise to abort it."""

    def on_json(self, payload: Any) -> None:
        """Called with each successful JSON answer from the Hub's `/api/`."""


_observer: ContextVar[Observer | None] = ContextVar("registry_hub_observer", default=None)
_install_lock = threading.Lock()
_installed = False


def install() -> None:
    """Make huggingface_hub build its shared client with our hooks. Idempotent."""
    global _installed
    with _install_lock:
        if not _installed:
            set_client_factory(_client_factory)
            _installed = True


@contextmanager
def observed_by(observer: Observer) -> Iterator[None]:
    """Report the requests sent inside this block (in this thread or task) to `observer`."""
    token = _observer.set(observer)
    try:
        yield
    finally:
        _observer.reset(token)


def _client_factory() -> httpx2.Client:
    # huggingface_hub's default_client_factory, plus our hooks after its own (which may refuse offline requests).
    return httpx2.Client(
        event_hooks={"request": [hf_request_event_hook, _on_request], "response": [_on_response]},
        follow_redirects=True,
        timeout=None,
    )


def _on_request(request: httpx2.Request) -> None:
    observer = _observer.get()
    if observer is not None:
        observer.on_request(request)


def _on_response(response: httpx2.Response) -> None:
    observer = _observer.get()
    if observer is not None and _is_api_json(response):
        response.read()  # response hooks run before the body is read
        observer.on_json(response.json())


def _is_api_json(response: httpx2.Response) -> bool:
    content_type = response.headers.get("content-type", "")
    return response.is_success and "/api/" in response.url.path and content_type.startswith("application/json")
