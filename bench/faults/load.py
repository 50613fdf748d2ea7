"""Scenario "load": the peak throughput of a mix of pages, API resources and badges measured with wrk, then
`--duration` seconds (default 600) at 80 % of it, with beat sending a sync every minute meanwhile. The pace is
corrected every minute from the rate reached, so that the load stays near 80 % while latency moves.

Pass: no error (every answer 2xx/3xx, no socket error or timeout) and flat memory: the resident size of
gunicorn's processes and of the worker at the end is within 10 % (or 10 MB) of what it was after the warm-up.
Reports the peak and sustained rates, latencies, and start/end/max RSS per process.

gunicorn runs one worker process here, so that the measurement takes one of the machine's two cores and
leaves the other to whatever else runs (other work on the machine skews the peak: see the result's notes).
"""

import re
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from bench.faults.processes import children, rss_mb
from bench.faults.report import Report
from bench.faults.traffic import fetch, url_mix

CONNECTIONS = 8
# The peak spans two sync intervals (beat sends a sync every minute, and a sync of the scenario's repos takes a
# good part of a minute's CPU on these 2 cores): the sustained phase runs through ten of them.
PEAK_SECONDS = 120
CALIBRATION_SECONDS = 15
STEP_SECONDS = 60
TARGET_FRACTION = 0.8
RSS_TOLERANCE = 0.10
RSS_TOLERANCE_MB = 10


def run(stack, report: Report, *, duration: float = 600, **_) -> None:
    with stack.app(beat=True, gunicorn_workers=1, HUB_SYNC_INTERVAL_MINUTES="1") as app, \
            tempfile.TemporaryDirectory() as scripts:
        paths = url_mix()
        slowest = sorted(((_median_ms(app.base_url, path), path) for path in paths), reverse=True)[:5]
        report.note("slowest URLs alone (median of 3, ms): " + ", ".join(f"{path} {ms:.0f}" for ms, path in slowest),
                    slowest_urls_ms={path: ms for ms, path in slowest})
        peak = wrk(app.base_url, _script(Path(scripts), paths, delay_ms=None), PEAK_SECONDS)
        report.note(f"peak: {peak['rate']:.0f} requests/s (latency mean {peak['latency_ms']:.0f} ms, "
                    f"{peak['errors']} errors) over {len(paths)} URLs", peak_rate=peak["rate"])
        target = TARGET_FRACTION * peak["rate"]
        delay = _delay_for(app.base_url, Path(scripts), paths, target)
        sampler = RssSampler({"gunicorn": app.gunicorn.pid, "worker": app.worker.pid})
        with sampler:
            sustained = _sustain(app.base_url, Path(scripts), paths, target=target, delay=delay, duration=duration)
    report.note(f"sustained {duration:.0f} s: {sustained['rate']:.0f} requests/s ({sustained['rate'] / peak['rate']:.0%} "
                f"of peak), {sustained['requests']} requests, latency mean {sustained['latency_ms']:.1f} ms, "
                f"max {sustained['latency_max_ms']:.0f} ms",
                sustained_rate=sustained["rate"], sustained_requests=sustained["requests"],
                step_rates=sustained["step_rates"],
                latency_mean_ms=sustained["latency_ms"], latency_max_ms=sustained["latency_max_ms"])
    report.check("sustained load at about 80 % of the peak", 0.7 <= sustained["rate"] / peak["rate"] <= 0.9,
                 f"{sustained['rate']:.0f} of {peak['rate']:.0f} requests/s")
    report.check("no error under load", sustained["errors"] == 0 and sustained["requests"] > 0,
                 f"{sustained['errors']} errors ({sustained['error_detail'] or 'none'}) in {sustained['requests']}")
    for name, (start, end, peak_rss) in sampler.summary().items():
        report.numbers[f"rss_{name}_mb"] = {"start": start, "end": end, "max": peak_rss}
        report.check(f"{name} memory flat", end <= max(start * (1 + RSS_TOLERANCE), start + RSS_TOLERANCE_MB),
                     f"RSS after warm-up {start:.0f} MB, end {end:.0f} MB, max {peak_rss:.0f} MB")


def _median_ms(base_url: str, path: str) -> float:
    times = []
    for _ in range(3):
        started = time.monotonic()
        fetch(base_url, path)
        times.append(1000 * (time.monotonic() - started))
    return sorted(times)[1]


def wrk(base_url: str, script: Path, seconds: float) -> dict:
    """Run wrk (one thread, CONNECTIONS connections) and read its summary."""
    output = subprocess.run(["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{int(seconds)}s", "--latency", "--timeout", "5s",
                             "-s", str(script), base_url], check=True, capture_output=True, text=True).stdout
    requests = int(re.search(r"(\d+) requests in", output)[1])
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(non_2xx[1]) if non_2xx else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    return {"rate": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]), "requests": requests,
            "errors": errors, "error_detail": " ".join(m[0] for m in (non_2xx, sockets) if m),
            "latency_ms": _ms(re.search(r"Latency\s+(\S+)", output)[1]),
            "latency_max_ms": _ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", output)[1])}


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _sustain(base_url: str, scripts: Path, paths: list[str], *, target: float, delay: float, duration: float) -> dict:
    """`duration` seconds near `target` requests/s, as wrk runs of at most STEP_SECONDS whose per-connection pause
    is corrected after each from the rate it reached (latency moves as syncs run and as other work takes the
    cores); the totals of all the runs."""
    runs, remaining = [], duration
    while remaining > 0:
        seconds = min(STEP_SECONDS, remaining)
        # At no pause, no delay() either: wrk's timer for a delay, even of 0 ms, is not free.
        run = wrk(base_url, _script(scripts, paths, delay_ms=delay if delay >= 1 else None), seconds)
        runs.append((seconds, run))
        remaining -= seconds
        latency = 1000 * CONNECTIONS / run["rate"] - delay if run["rate"] else 0.0
        delay = max(0.0, 1000 * CONNECTIONS / target - latency)
    requests = sum(run["requests"] for _, run in runs)
    return {"rate": requests / duration, "requests": requests, "errors": sum(run["errors"] for _, run in runs),
            "error_detail": " ".join(run["error_detail"] for _, run in runs if run["error_detail"]),
            "latency_ms": sum(run["latency_ms"] * run["requests"] for _, run in runs) / max(requests, 1),
            "latency_max_ms": max(run["latency_max_ms"] for _, run in runs),
            "step_rates": [round(run["rate"], 1) for _, run in runs]}


def _delay_for(base_url: str, scripts: Path, paths: list[str], target: float) -> float:
    """The pause (ms) each connection takes between requests for `target` requests/s, calibrated once:
    wrk's connections are closed loops, so the rate is CONNECTIONS / (pause + latency)."""
    delay = max(0.0, 1000 * CONNECTIONS / target * (1 - TARGET_FRACTION))
    trial = wrk(base_url, _script(scripts, paths, delay_ms=delay), CALIBRATION_SECONDS)
    latency = 1000 * CONNECTIONS / trial["rate"] - delay
    return max(0.0, 1000 * CONNECTIONS / target - latency)


def _script(directory: Path, paths: list[str], *, delay_ms: float | None) -> Path:
    """A wrk Lua script sending the paths in turn, pausing `delay_ms` before each request when given."""
    listed = ", ".join(f'"{path}"' for path in paths)
    pause = f"function delay() return {delay_ms:.1f} end\n" if delay_ms is not None else ""
    script = directory / f"mix-{delay_ms}.lua"
    script.write_text(f"local paths = {{{listed}}}\nlocal i = 0\n"
                      "function request()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
                      + pause, encoding="utf-8")
    return script


class RssSampler:
    """Resident memory of each named process and its children, every 5 s, in a thread."""

    INTERVAL = 5

    def __init__(self, pids: dict[str, int]):
        self.pids = pids
        self.samples: dict[str, list[float]] = {name: [] for name in pids}
        self._stop = threading.Event()

    def __enter__(self) -> "RssSampler":
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()
        self._take()

    def summary(self) -> dict[str, tuple[float, float, float]]:
        """(after warm-up, end, max) MB per name; warm-up is the first quarter of the run, at most a minute."""
        result = {}
        for name, values in self.samples.items():
            warm = min(len(values) // 4, 60 // self.INTERVAL)
            result[name] = (values[warm], values[-1], max(values))
        return result

    def _sample(self) -> None:
        while not self._stop.wait(self.INTERVAL):
            self._take()

    def _take(self) -> None:
        for name, pid in self.pids.items():
            self.samples[name].append(sum(rss_mb(p) for p in [pid, *children(pid)]))
