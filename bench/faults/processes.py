"""Child processes the fault scenarios start, each stopped when its context ends, whatever happens.

Every child gets PR_SET_PDEATHSIG (SIGTERM) and its own process group: if the harness itself is killed,
its children die with it; on a normal exit each group is sent SIGTERM, then SIGKILL after a grace period.
"""

import ctypes
import os
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
PR_SET_PDEATHSIG = 1


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (the shared 5432 and 6379 are never picked)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, timeout: float = 60, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def _die_with_parent() -> None:
    os.setpgrp()
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def spawn(command: list[str], *, log: Path, env: dict | None = None) -> subprocess.Popen:
    """Start `command` in its own process group, output appended to `log`."""
    with log.open("ab") as output:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                                preexec_fn=_die_with_parent)


def stop(process: subprocess.Popen, *, grace: float = 20) -> None:
    """SIGTERM the process group, SIGKILL it after `grace` seconds. Does nothing if it already ended."""
    if process.poll() is not None:
        return
    _signal_group(process, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        _signal_group(process, signal.SIGKILL)
        process.wait(timeout=10)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the process group at once (a crash, not a shutdown)."""
    _signal_group(process, signal.SIGKILL)
    process.wait(timeout=10)


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass


@contextmanager
def running(command: list[str], *, log: Path, env: dict | None = None, port: int | None = None):
    """`command` running (and listening on `port`, if given) for the duration of the block."""
    process = spawn(command, log=log, env=env)
    try:
        if port is not None:
            wait_for_port(port, process=process)
        yield process
    finally:
        stop(process)


def rss_mb(pid: int) -> float:
    """Resident memory of one process (VmRSS), in MB; 0 if it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return 0.0
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1]) / 1024


def children(pid: int) -> list[int]:
    """The direct children of `pid` (gunicorn's workers, a prefork pool)."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []
