"""Private PostgreSQL and Redis servers on ports of their own: the scenarios stop and restart these,
never the shared servers on 5432 and 6379 that other test runs use."""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from bench.faults.processes import free_port, spawn, stop, wait_for_port

# PostgreSQL refuses to run as root: the cluster belongs to this account.
POSTGRES_USER = "postgres"


class PrivatePostgres:
    """A throw-away PostgreSQL cluster (initdb in a temporary directory), trust authentication, fsync off."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.data_dir = workdir / "pgdata"
        self.log = workdir / "postgres.log"  # the commands' output (written by this process)
        self.server_log = workdir / "postgres-server.log"  # the server's (written by the postgres account)
        self._bin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))[-1]).parent

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/registry"

    def init(self) -> None:
        _give_to_postgres(self.data_dir.parent)  # initdb creates data_dir in it, owned by postgres
        self._as_postgres([self._bin / "initdb", "-D", self.data_dir, "-A", "trust", "-U", "postgres", "-E", "UTF8"])

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data_dir} -c listen_addresses=127.0.0.1 -c fsync=off " \
                  "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        self._as_postgres([self._bin / "pg_ctl", "-D", self.data_dir, "-l", self.server_log, "-w", "-o", options, "start"])

    def stop(self, mode: str = "fast") -> None:
        self._as_postgres([self._bin / "pg_ctl", "-D", self.data_dir, "-m", mode, "-w", "stop"], check=False)

    def create_database(self) -> None:
        self._as_postgres([self._bin / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "registry"])

    def _as_postgres(self, command: list, check: bool = True) -> None:
        with self.log.open("ab") as log:
            subprocess.run(["runuser", "-u", POSTGRES_USER, "--", *map(str, command)], check=check,
                           stdout=log, stderr=subprocess.STDOUT, timeout=120)


@contextmanager
def private_postgres(workdir: Path):
    """A started cluster with an empty `registry` database; stopped and deleted afterwards."""
    server = PrivatePostgres(workdir)
    server.init()
    try:
        server.start()
        server.create_database()
        yield server
    finally:
        server.stop("immediate")


def _give_to_postgres(directory: Path) -> None:
    if os.geteuid() == 0:
        account = pwd.getpwnam(POSTGRES_USER)
        os.chown(directory, account.pw_uid, account.pw_gid)
        os.chmod(directory, 0o700)


class PrivateRedis:
    """A redis-server without persistence on a port of its own, killable and restartable on that port."""

    def __init__(self, workdir: Path, name: str, *extra: str):
        self.port = free_port()
        self.name = name
        self._command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                         "--appendonly", "no", "--dir", str(workdir), *extra]
        self._log = workdir / f"{name}.log"
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = spawn(self._command, log=self._log)
        wait_for_port(self.port, process=self.process)

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process, grace=5)

    def config(self, name: str) -> str:
        output = subprocess.run(["redis-cli", "-p", str(self.port), "CONFIG", "GET", name], check=True,
                                capture_output=True, text=True).stdout.split()
        return output[1] if len(output) > 1 else ""


@contextmanager
def private_redis(workdir: Path, name: str, *extra: str):
    server = PrivateRedis(workdir, name, *extra)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def work_directory(keep_logs_in: Path):
    """A temporary directory (PostgreSQL's data: deleted at the end) and a log directory that stays."""
    keep_logs_in.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="faults-"))
    try:
        yield workdir
    finally:
        for log in workdir.glob("*.log"):
            shutil.copy(log, keep_logs_in / log.name)
        shutil.rmtree(workdir, ignore_errors=True)

