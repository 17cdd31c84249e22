"""The real `waypost serve`: a graceful stop, readiness through a migration, metrics across workers, JSON logs."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from prometheus_client.parser import text_string_to_metric_families
from psycopg import sql

from tests.servers import HttpResult, RunningServer, clean_environment, fetch, running_waypost, waypost_command
from waypost.monitoring.metrics_folder import prepare_metrics_folder

REPOSITORY = Path(__file__).resolve().parents[2]
TOKEN = "metrics-token-for-the-process-tests-0123456789"
REQUESTS_SENT = 40


def serve_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "WAYPOST_DATA_DIR": str(tmp_path / "data"),
        "WAYPOST_HTTPS": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'waypost.sqlite3'}",
        **extra,
    }


def wait_until(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def stop_and_read_output(server: RunningServer) -> tuple[int, str]:
    server.process.send_signal(signal.SIGTERM)
    output, _ = server.process.communicate(timeout=30)
    return server.process.returncode, output


def is_refused(base_url: str) -> bool:
    host, port = base_url.removeprefix("http://").split(":")
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except OSError:
        return True
    return False


def test_sigterm_lets_the_request_in_flight_finish_then_stops(tmp_path: Path) -> None:
    started = tmp_path / "slow-started"
    environment = serve_environment(
        tmp_path,
        DJANGO_SETTINGS_MODULE="tests.monitoring.slow_settings",
        PYTHONPATH=str(REPOSITORY),
        WAYPOST_TEST_SLOW_STARTED_FILE=str(started),
    )
    with running_waypost(["serve", "--workers", "1"], environment=environment, cwd=tmp_path) as server:
        with ThreadPoolExecutor(max_workers=1) as pool:
            slow = pool.submit(fetch, f"{server.base_url}/slow", timeout=30)
            assert wait_until(started.exists), "the slow page never started"
            signalled_at = time.monotonic()
            server.process.send_signal(signal.SIGTERM)
            answer = slow.result(timeout=30)
        exit_code = server.process.wait(timeout=30)
        stopping_took = time.monotonic() - signalled_at
        refused_afterwards = is_refused(server.base_url)

    assert answer.status == 200
    assert answer.body == "finished after the stop signal\n"
    assert exit_code == 0
    assert stopping_took < 10, "the stop waited for more than the request in flight"
    assert refused_afterwards


@contextmanager
def empty_database(tmp_path: Path, engine: str) -> Iterator[str]:
    """A new, never-migrated database: an SQLite file, or a PostgreSQL database beside the suite's own."""
    if engine == "sqlite":
        yield f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}"
        return
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith("postgres"):
        pytest.skip("set DATABASE_URL to a PostgreSQL database to run this on PostgreSQL")
    name = f"{dj_database_url.parse(suite_url)['NAME']}_readiness"
    server_url = suite_url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield f"{server_url}/{name}"
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_readiness_waits_for_migrations_while_liveness_does_not(tmp_path: Path, engine: str) -> None:
    with empty_database(tmp_path, engine) as database_url:
        before, migrate, after = readiness_around_a_migration(
            tmp_path, serve_environment(tmp_path, DATABASE_URL=database_url)
        )

    assert migrate.returncode == 0, migrate.stderr
    assert [result.status for result in before] == [200, 503]
    assert json.loads(before[1].body) == {"status": "not ready", "database": "ok", "migrations": "pending"}
    assert [result.status for result in after] == [200, 200]
    assert json.loads(after[1].body) == {"status": "ready", "database": "ok", "migrations": "ok"}


def readiness_around_a_migration(
    tmp_path: Path, environment: dict[str, str]
) -> tuple[tuple[HttpResult, HttpResult], subprocess.CompletedProcess[str], tuple[HttpResult, HttpResult]]:
    with running_waypost(["serve", "--workers", "1"], environment=environment, cwd=tmp_path) as server:
        before = (server.get("/healthz"), server.get("/readyz"))
        migrate = subprocess.run(
            [*waypost_command(), "manage", "migrate", "--no-input"],
            cwd=tmp_path,
            env=clean_environment(environment),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        after = (server.get("/healthz"), server.get("/readyz"))
    return before, migrate, after


def scrape(server: RunningServer) -> HttpResult:
    request = urllib.request.Request(f"{server.base_url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return HttpResult(response.status, response.read().decode(), dict(response.headers))


def urgent_requests_counted(exposition: str) -> float:
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            wanted = {"route": "core:urgent", "method": "GET", "status": "200"}
            if sample.name == "waypost_http_requests_total" and sample.labels == wanted:
                return sample.value
    return 0.0


def test_metrics_add_up_across_two_workers_and_start_from_an_emptied_folder(tmp_path: Path) -> None:
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "counter_99999.db").write_bytes(b"left behind by a previous run, and unreadable")
    environment = serve_environment(tmp_path, WAYPOST_METRICS_TOKEN=TOKEN, PROMETHEUS_MULTIPROC_DIR=str(folder))
    with running_waypost(["serve", "--workers", "2"], environment=environment, cwd=tmp_path, ready_path="/healthz") as (
        server
    ):
        # Each request on a new connection, which the kernel spreads across the two workers' sockets
        statuses = [server.get("/urgent").status for _ in range(REQUESTS_SENT)]
        metrics = scrape(server)
        workers_recording = {path.stem.rsplit("_", 1)[1] for path in folder.glob("counter_*.db")}

    assert statuses == [200] * REQUESTS_SENT
    assert metrics.status == 200
    assert urgent_requests_counted(metrics.body) == REQUESTS_SENT
    assert "99999" not in workers_recording
    assert len(workers_recording) == 2, "both workers should have answered some of the requests"


def test_with_metrics_off_nothing_is_recorded_and_metrics_are_not_found(tmp_path: Path) -> None:
    environment = serve_environment(tmp_path)
    with running_waypost(["serve", "--workers", "1"], environment=environment, cwd=tmp_path) as server:
        urgent = server.get("/urgent")
        metrics = server.get("/metrics")

    assert urgent.status == 200
    assert metrics.status == 404
    assert not (tmp_path / "data" / "metrics").exists()


def test_json_logs_carry_the_proxys_request_id_and_the_route_never_the_token(tmp_path: Path) -> None:
    environment = serve_environment(tmp_path, WAYPOST_LOG_FORMAT="json")
    with running_waypost(["serve", "--workers", "1"], environment=environment, cwd=tmp_path) as server:
        request = urllib.request.Request(
            f"{server.base_url}/referral-link/a-secret-provider-token", headers={"X-Request-ID": "probe-1"}
        )
        try:
            urllib.request.urlopen(request, timeout=10)
        except urllib.error.HTTPError as error:
            returned_id = error.headers["X-Request-ID"]
        exit_code, output = stop_and_read_output(server)

    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    request_lines = [line for line in lines if line.get("request_id") == "probe-1"]
    assert exit_code == 0
    assert returned_id == "probe-1"
    assert {line["logger"] for line in request_lines} >= {"waypost.requests"}
    assert all(line.get("route", "treatment:provider_link") == "treatment:provider_link" for line in request_lines)
    assert "a-secret-provider-token" not in output


def test_the_default_metrics_folder_is_one_per_port_in_the_data_folder_and_is_emptied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WAYPOST_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WAYPOST_METRICS_TOKEN", TOKEN)
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    stale = tmp_path / "metrics" / "port-8123" / "histogram_4242.db"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")

    folder = prepare_metrics_folder(port=8123)

    assert folder == tmp_path / "metrics" / "port-8123"
    assert not stale.exists()
    monkeypatch.delenv("WAYPOST_METRICS_TOKEN")
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
    assert prepare_metrics_folder(port=8123) is None
