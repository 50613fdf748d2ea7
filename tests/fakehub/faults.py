"""Misbehaviour a test can order from the fake Hub: server errors, rate limits, latency, garbage bodies."""

import threading
from collections.abc import Callable
from dataclasses import dataclass

from werkzeug import Request, Response

from tests.fakehub.routes import json_response

# Which requests a fault hits: an exact URL path (no query), a predicate on the request, or None for all.
Target = str | Callable[[Request], bool] | None

# Anonymous quotas per 5-minute window, by rate-limit bucket.
_QUOTAS = {"api": 500, "resolvers": 3000}


@dataclass
class _Fault:
    matches: Callable[[Request], bool]
    remaining: int | None  # None: forever
    delay_seconds: float = 0.0
    response: Callable[[Request], Response] | None = None


class Faults:
    """The faults still pending, consumed as matching requests arrive (thread-safe)."""

    def __init__(self) -> None:
        self._faults: list[_Fault] = []
        self._lock = threading.Lock()
        self._release = threading.Event()

    def fail(self, target: Target, status: int, times: int | None) -> None:
        body = {"error": f"Fake Hub: injected {status}"}
        self._add(_Fault(_matcher(target), times, response=lambda request: json_response(body, status)))

    def garble(self, target: Target, body: str, content_type: str, times: int | None) -> None:
        self._add(_Fault(_matcher(target), times,
                         response=lambda request: Response(body, status=200, content_type=content_type)))

    def rate_limit(self, target: Target, reset_seconds: int, times: int | None) -> None:
        self._add(_Fault(_matcher(target), times, response=lambda request: _rate_limited(request, reset_seconds)))

    def delay(self, seconds: float, target: Target, times: int | None) -> None:
        self._add(_Fault(_matcher(target), times, delay_seconds=seconds))

    def apply(self, request: Request) -> Response | None:
        """Wait out the delays that match `request`; return the error response it must get, if any."""
        delays, response = self._take(request)
        release = self._release
        for seconds in delays:
            release.wait(seconds)
        return response(request) if response else None

    def clear(self) -> None:
        """Forget every fault and cut short the delays in progress."""
        with self._lock:
            self._faults.clear()
            self._release.set()
            self._release = threading.Event()

    def _add(self, fault: _Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def _take(self, request: Request) -> tuple[list[float], Callable[[Request], Response] | None]:
        delays, response = [], None
        with self._lock:
            for fault in list(self._faults):
                if not fault.matches(request) or (fault.response and response):
                    continue
                if fault.response:
                    response = fault.response
                else:
                    delays.append(fault.delay_seconds)
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._faults.remove(fault)
        return delays, response


def _matcher(target: Target) -> Callable[[Request], bool]:
    if target is None:
        return lambda request: True
    if isinstance(target, str):
        return lambda request: request.path == target
    return target


def _rate_limited(request: Request, reset_seconds: int) -> Response:
    bucket = "resolvers" if "/resolve/" in request.path else "api"
    headers = {
        "RateLimit": f'"{bucket}";r=0;t={reset_seconds}',
        "RateLimit-Policy": f'"fixed window";"{bucket}";q={_QUOTAS[bucket]};w=300',
        "Retry-After": str(reset_seconds),
    }
    message = f"You have exceeded our hourly quotas for action '{bucket}'. Retry after {reset_seconds} seconds."
    return json_response({"error": message}, 429, headers)
