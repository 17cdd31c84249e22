"""Start Waypost under its production server in a throwaway data folder and load it with wrk.

Every figure is reported next to the bare view measured in the same run, because these machines are shared
and an absolute number means little from one run to the next.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.servers import free_port

REPOSITORY = Path(__file__).resolve().parent.parent
BARE_PATH = "/_benchmark/bare"
SERVER_WORKERS = 2
START_SERVER = (
    "from waypost.server import serve; import sys; serve(host='127.0.0.1', port=int(sys.argv[1]), workers={})"
)


@dataclass(frozen=True)
class Measurement:
    path: str
    requests_per_second: float
    p50_milliseconds: float
    p99_milliseconds: float


def benchmark_environment(data_folder: Path, database_url: str | None) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("WAYPOST_")}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "PYTHONPATH": str(REPOSITORY),
            "WAYPOST_DATA_DIR": str(data_folder),
            "WAYPOST_HTTPS": "false",
            "WAYPOST_LOG_LEVEL": "error",
            "DATABASE_URL": database_url or f"sqlite:///{data_folder / 'benchmark.sqlite3'}",
        }
    )
    return environment


@contextmanager
def temporary_postgres_database(name: str, admin_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database for one benchmark run, dropped afterwards."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def migrated_postgres(
    name: str, admin_url: str, *, collect_static: bool = False
) -> Iterator[tuple[Path, dict[str, str]]]:
    """A data folder and a fresh, migrated PostgreSQL database, with Django set up in this process on them."""
    with (
        tempfile.TemporaryDirectory(prefix="waypost-benchmark-") as folder,
        temporary_postgres_database(name, admin_url) as database_url,
    ):
        environment = benchmark_environment(Path(folder), database_url)
        os.environ.update(environment)
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        if collect_static:
            # As `waypost serve` does at start, so pages rendered in-process find their hashed static files
            call_command("collectstatic", "--noinput", verbosity=0)
        yield Path(folder), environment


@contextmanager
def production_server(
    database_url: str | None = None,
    extra_environment: Mapping[str, str] | None = None,
    *,
    with_demo_data: bool = False,
) -> Iterator[tuple[str, Mapping[str, str]]]:
    """Yield the base URL of a migrated Waypost under gunicorn with two workers, and its environment."""
    require_wrk()
    with tempfile.TemporaryDirectory(prefix="waypost-benchmark-") as folder:
        environment = {**benchmark_environment(Path(folder), database_url), **(extra_environment or {})}
        manage(["migrate", "--noinput", "-v", "0"], environment)
        # What `waypost serve` does before it starts: hashed, precompressed static files in the data folder
        manage(["collectstatic", "--noinput", "-v", "0"], environment)
        if with_demo_data:
            manage(["load_demo_data"], environment, quiet=True)
        with server_running(environment) as base_url:
            yield base_url, environment


@contextmanager
def server_running(environment: Mapping[str, str]) -> Iterator[str]:
    """gunicorn with the production settings and two workers, on a free loopback port."""
    port = free_port()
    code = START_SERVER.format(SERVER_WORKERS)
    server = subprocess.Popen([sys.executable, "-c", code, str(port)], env=dict(environment), cwd=REPOSITORY)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for(base_url + BARE_PATH)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)


def manage(arguments: list[str], environment: Mapping[str, str], *, quiet: bool = False) -> None:
    output = subprocess.DEVNULL if quiet else None
    subprocess.run([sys.executable, "-m", "waypost", "manage", *arguments], env=environment, check=True, stdout=output)


def require_wrk() -> None:
    if shutil.which("wrk") is None:
        sys.exit("The benchmarks load the server with wrk: install it with `apt-get install wrk`.")


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"The server did not answer {url} within {seconds} s")


def measure(
    base_url: str,
    path: str,
    *,
    seconds: int = 10,
    connections: int = 16,
    script: Path | None = None,
    headers: Sequence[str] = (),
    warm_up_seconds: int = 2,
) -> Measurement:
    url = base_url + path
    run_wrk(url, seconds=warm_up_seconds, connections=connections, script=script, headers=headers)  # warm caches
    output = run_wrk(url, seconds=seconds, connections=connections, script=script, headers=headers)
    return Measurement(
        path=path,
        requests_per_second=float(match(r"Requests/sec:\s+([\d.]+)", output)),
        p50_milliseconds=latency_milliseconds(output, "50%"),
        p99_milliseconds=latency_milliseconds(output, "99%"),
    )


def run_wrk(
    url: str, *, seconds: int, connections: int, script: Path | None = None, headers: Sequence[str] = ()
) -> str:
    command = ["wrk", "--latency", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", url]
    if script is not None:
        command += ["-s", str(script)]
    for header in headers:
        command += ["-H", header]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    if "Non-2xx or 3xx responses" in result.stdout:
        sys.exit(f"{url} answered with errors under load:\n{result.stdout}")
    return result.stdout


def sequential_times(cookie: str, path: str, *, samples: int, who: str) -> list[float]:
    """Milliseconds per request, one at a time in this process, signed in with the cookie; who names the person."""
    from django.test import Client

    client = Client(HTTP_COOKIE=cookie, HTTP_HOST="127.0.0.1")
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}; is the benchmark {who} signed in?")
    return times


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The sample below which `fraction` of the samples fall (0.95 for p95), without interpolation."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def latency_milliseconds(wrk_output: str, percentile: str) -> float:
    value, unit = re.findall(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)\s*$", wrk_output, re.MULTILINE)[0]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def match(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    if found is None:
        sys.exit(f"Could not read {pattern!r} from wrk's output:\n{text}")
    return found.group(1)


def print_table(title: str, measurements: list[Measurement], baseline: Measurement) -> None:
    width = max(24, *(len(row.path) + 2 for row in measurements))
    print(f"\n{title}")
    print(f"{'path':<{width}}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'vs bare':>10}")
    for row in measurements:
        ratio = row.requests_per_second / baseline.requests_per_second
        print(
            f"{row.path:<{width}}{row.requests_per_second:>10.0f}{row.p50_milliseconds:>10.2f}"
            f"{row.p99_milliseconds:>10.2f}{ratio:>10.2f}"
        )
