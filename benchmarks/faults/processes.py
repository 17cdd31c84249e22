"""The real processes of a fault run, each on a free loopback port inside one temporary folder.

Every process starts in its own session, so a SIGKILL takes the whole of it (gunicorn's master and workers) as a
crash of that server would. The PostgreSQL cluster is the run's own: the machine's shared server is never touched.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import free_port

REPOSITORY = Path(__file__).resolve().parents[2]
POSTGRES_ACCOUNT = "postgres"  # initdb refuses to run as root
LOG_LINES_SHOWN = 20


class ProcessFailed(RuntimeError):
    """A process the run needs did not start, or a command it runs failed."""


def postgres_binaries() -> Path:
    """The newest PostgreSQL server binaries Debian installed (postgresql-NN)."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda path: int(path.parts[-3]))
    if not versions:
        raise ProcessFailed("PostgreSQL's server binaries are missing: apt-get install postgresql")
    return versions[-1].parent


def postgres_owner() -> str | None:
    """As root, PostgreSQL's tools run as the postgres account; as anyone else, as themselves."""
    return POSTGRES_ACCOUNT if os.geteuid() == 0 else None


@dataclass
class Managed:
    """One long-running process the run may kill and start again."""

    name: str
    command: Sequence[str]
    environment: Mapping[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0
    log_offset: int = 0  # where the latest start's output begins in the log

    def latest_log(self) -> str:
        """What the process wrote since it was last started."""
        try:
            with self.log_path.open("rb") as log:
                log.seek(self.log_offset)
                return log.read().decode(errors="replace")
        except OSError:
            return ""

    def start(self) -> None:
        self.log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                list(self.command),
                env=dict(self.environment),
                cwd=REPOSITORY,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.starts += 1

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL to every process of the session: no clean-up runs, as in a crash."""
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self, *, seconds: float = 20) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.kill()

    def pids(self) -> set[int]:
        """The process and its children, to find which one holds a connection."""
        if self.process is None:
            return set()
        found = {self.process.pid}
        for status in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = status.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == self.process.pid:  # the fifth field of stat is the parent's id
                found.add(int(status.parent.name))
        return found


@dataclass
class WaypostProcess(Managed):
    port: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def waypost_command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "waypost", *arguments]


def app_server(index: int, environment: Mapping[str, str], logs: Path) -> WaypostProcess:
    port = free_port()
    return WaypostProcess(f"app-{index}", app_command(port), environment, logs / f"app-{index}.log", port=port)


def app_command(port: int) -> list[str]:
    return waypost_command("serve", "--port", str(port), "--workers", "1")


def outbox_worker(index: int, environment: Mapping[str, str], logs: Path) -> Managed:
    # Small batches: a killed worker strands few claims until their lease runs out
    command = waypost_command("worker", "--batch-size", "3", "--poll-seconds", "0.5")
    return Managed(f"worker-{index}", command, environment, logs / f"worker-{index}.log")


def wait_until_answering(url: str, *, seconds: float, process: Managed | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and not process.is_running():
            log_end = "\n".join(process.latest_log().splitlines()[-LOG_LINES_SHOWN:])
            raise ProcessFailed(f"{process.name} exited; its log ({process.log_path}) ends:\n{log_end}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.2)
    raise ProcessFailed(f"{url} did not answer 200 within {seconds} s")


def run_checked(
    command: Sequence[str],
    *,
    environment: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    user: str | None = None,
) -> None:
    environment_copy = dict(environment) if environment is not None else None
    result = subprocess.run(
        list(command), env=environment_copy, cwd=cwd, user=user, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise ProcessFailed(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")


@dataclass
class PostgresCluster:
    """The run's own cluster: initdb into the temporary folder, served on a free loopback port."""

    folder: Path
    port: int = field(default_factory=free_port)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/waypost"

    def pg_ctl(self, *arguments: str) -> None:
        """Output to a file, not a pipe: the server pg_ctl starts would hold a pipe open and hang the reader."""
        command = [str(postgres_binaries() / "pg_ctl"), "-D", str(self.data), "-w", "-t", "120", *arguments]
        log_path = self.folder / "pg_ctl.log"
        with log_path.open("ab") as log:
            finished = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, check=False, user=postgres_owner())
        if finished.returncode != 0:
            raise ProcessFailed(f"pg_ctl {' '.join(arguments)} failed; see {log_path}")

    def create(self) -> None:
        self.folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.folder, POSTGRES_ACCOUNT, POSTGRES_ACCOUNT)
        initdb = str(postgres_binaries() / "initdb")
        arguments = ["-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]
        run_checked([initdb, *arguments], user=postgres_owner())
        server_options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c max_connections=100"
        self.pg_ctl("-o", server_options, "-l", str(self.folder / "server.log"), "start")
        run_checked(
            [
                str(postgres_binaries() / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "waypost",
            ]
        )

    def restart(self) -> None:
        """A fast restart: sessions are cut, committed work is kept."""
        self.pg_ctl("-m", "fast", "-l", str(self.folder / "server.log"), "restart")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.pg_ctl("-m", "immediate", "stop")


@dataclass
class RedisServer:
    folder: Path
    port: int = field(default_factory=free_port)
    managed: Managed | None = None

    def start(self) -> None:
        if self.managed is None:
            self.folder.mkdir(exist_ok=True)
            command = [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ]
            self.managed = Managed("redis", command, dict(os.environ), self.folder / "redis.log")
        self.managed.start()
        self.wait_until_ready()

    def wait_until_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True, check=False
            )
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise ProcessFailed(f"redis-server did not answer on port {self.port}")

    def stop(self) -> None:
        if self.managed is not None:
            self.managed.stop()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"
