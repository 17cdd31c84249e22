"""Test servers start on ports found free a moment before, below the range outgoing connections draw from; when
another server takes one in between, the server says so and exits, and the fault run's harness and the suite's
`running_waypost` start it again on another port instead of failing the test."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.faults.cluster import answering_on_a_free_port, waypost_environment
from benchmarks.faults.processes import ProcessFailed, WaypostProcess, app_command, wait_until_answering

from tests import servers
from tests.deploy.test_shared_state import REPOSITORY
from tests.servers import free_port as real_free_port


def app_on(port: int, folder: Path) -> WaypostProcess:
    environment = waypost_environment(
        folder, database_url=f"sqlite:///{folder / 'db.sqlite3'}", smtp_port=1, redis_url="", lease_seconds=10
    )
    return WaypostProcess("app-1", app_command(port), environment, folder / "app-1.log", port=port)


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield int(holder.getsockname()[1])


def test_an_app_server_whose_port_was_taken_starts_on_another(tmp_path: Path, taken_port: int) -> None:
    app = app_on(taken_port, tmp_path)
    app.start()
    try:
        answering_on_a_free_port(app)

        assert app.port != taken_port
        assert app.starts == 2
        assert "cannot listen on" in app.log_path.read_text()
    finally:
        app.stop()


def test_a_server_that_exits_says_why_in_the_failure(tmp_path: Path, taken_port: int) -> None:
    app = app_on(taken_port, tmp_path)
    app.start()
    try:
        with pytest.raises(
            ProcessFailed, match=f"(?s)app-1 exited; its log .* ends:\n.*cannot listen on .*:{taken_port}"
        ):
            wait_until_answering(app.base_url + "/urgent", seconds=60, process=app)
    finally:
        app.stop()


def test_the_suites_own_servers_also_move_to_another_port(
    tmp_path: Path, taken_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ports = iter([taken_port])
    monkeypatch.setattr(servers, "free_port", lambda: next(ports, None) or real_free_port())
    environment = {"WAYPOST_DATA_DIR": str(tmp_path), "WAYPOST_HTTPS": "false"}

    with servers.running_waypost(["serve", "--workers", "1"], environment=environment, cwd=REPOSITORY) as server:
        assert server.get("/urgent").status == 200
        assert not server.base_url.endswith(f":{taken_port}")


def test_a_free_port_is_below_the_range_outgoing_connections_take_theirs_from() -> None:
    ports = {real_free_port() for _ in range(50)}

    lowest_outgoing = servers.lowest_ephemeral_port()
    assert all(servers.LOWEST_PORT <= port < lowest_outgoing for port in ports)
    assert len(ports) > 40  # spread out, so parallel test workers rarely pick the same one
    for port in ports:
        assert servers.is_free(port)
