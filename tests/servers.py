"""Start `waypost` as a real process on a free loopback port, for tests that need the real server."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

START_ATTEMPTS = 3
PORT_TAKEN = "cannot listen on"  # what `waypost serve` says when its address is in use (waypost/server.py)


# Outgoing connections take their local ports from this range; a port the kernel hands out for a listener (bind to
# port 0) comes from it too, so any test's outgoing connection could take it before the server binds it
EPHEMERAL_PORTS = Path("/proc/sys/net/ipv4/ip_local_port_range")
LOWEST_PORT = 20000
PORT_CHOICES = 200


def free_port() -> int:
    """A free loopback port below the range outgoing connections use, so only another listener can take it."""
    ceiling = lowest_ephemeral_port() - 1
    if ceiling <= LOWEST_PORT:
        return port_from_the_kernel()
    for _ in range(PORT_CHOICES):
        port = random.randint(LOWEST_PORT, ceiling)  # noqa: S311 -- spreads parallel test workers, not a secret
        if is_free(port):
            return port
    raise RuntimeError(f"no free port between {LOWEST_PORT} and {ceiling} after {PORT_CHOICES} tries")


def lowest_ephemeral_port() -> int:
    try:
        return int(EPHEMERAL_PORTS.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default


def is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def port_from_the_kernel() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class HttpResult:
    status: int
    body: str
    headers: Mapping[str, str]


def fetch(url: str, *, method: str = "GET", timeout: float = 10) -> HttpResult:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return HttpResult(response.status, response.read().decode(), dict(response.headers))
    except urllib.error.HTTPError as error:
        return HttpResult(error.code, error.read().decode(), dict(error.headers))


@dataclass(frozen=True)
class RunningServer:
    base_url: str
    process: subprocess.Popen[str]

    def get(self, path: str) -> HttpResult:
        return fetch(self.base_url + path)


def waypost_command() -> list[str]:
    return [sys.executable, "-m", "waypost"]


def clean_environment(extra: Mapping[str, str]) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("WAYPOST_", "DJANGO_"))}
    environment.pop("DATABASE_URL", None)
    environment.update(extra)
    return environment


@contextmanager
def running_waypost(
    arguments: list[str], *, environment: Mapping[str, str], cwd: Path, ready_path: str = "/urgent"
) -> Iterator[RunningServer]:
    server = answering_waypost(arguments, environment=environment, cwd=cwd, ready_path=ready_path)
    try:
        yield server
    finally:
        server.process.terminate()
        server.process.wait(timeout=20)


def answering_waypost(
    arguments: list[str], *, environment: Mapping[str, str], cwd: Path, ready_path: str
) -> RunningServer:
    """A port found free can still be taken before the server binds it, by a server another test worker starts on
    the same port: the server then says so and exits, and starts again on another port."""
    attempts_left = START_ATTEMPTS
    while True:
        port = free_port()
        process = subprocess.Popen(
            [*waypost_command(), *arguments, "--port", str(port)],
            cwd=cwd,
            env=clean_environment(environment),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        server = RunningServer(f"http://127.0.0.1:{port}", process)
        try:
            wait_until_answering(server, ready_path)
            return server
        except ServerExited as exited:
            attempts_left -= 1
            if not attempts_left or PORT_TAKEN not in exited.output:
                raise
        except BaseException:
            process.terminate()
            process.wait(timeout=20)
            raise


class ServerExited(RuntimeError):
    def __init__(self, returncode: int, output: str) -> None:
        super().__init__(f"waypost exited with {returncode}:\n{output}")
        self.output = output


def wait_until_answering(server: RunningServer, path: str, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            output = server.process.stdout.read() if server.process.stdout else ""
            raise ServerExited(server.process.returncode, output)
        try:
            server.get(path)
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"waypost did not answer {path} within {seconds} s")
