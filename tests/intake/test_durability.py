"""Real servers and real databases: parallel submissions, a SIGKILL mid-burst, and what lands on disk."""

from __future__ import annotations

import http.client
import json
import os
import signal
import sqlite3
import subprocess
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from tests.servers import RunningServer, clean_environment, free_port, wait_until_answering, waypost_command
from waypost.intake.models import ContactRequest

PHONE = "+447911123456"
EMAIL = "hidden.person@example.com"
FREE_TEXT = "Nobody at home knows about this"


def body(number: int) -> dict[str, Any]:
    return {
        "for_whom": "self",
        "contact_methods": ["text", "email"],
        "phone": PHONE,
        "email": EMAIL,
        "best_times": ["any-time"],
        "help_with": f"{FREE_TEXT} ({number})",
        "consent": True,
    }


def submit(base_url: str, key: str, number: int) -> tuple[int, str]:
    request = urllib.request.Request(
        base_url + "/api/referrals",
        data=json.dumps(body(number)).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())["reference"]
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (OSError, http.client.HTTPException):
        # The server was killed mid-reply: the client never saw a reference, so promised nothing
        return 0, ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locking under real concurrency is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
@override_settings(CONTACT_RATE_LIMIT_PER_HOUR=10_000)
def test_parallel_submissions_with_repeated_keys_store_one_row_per_key(live_server: LiveServer) -> None:
    submissions = [(f"key-{number % 120}", number % 120) for number in range(200)]

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda item: submit(live_server.url, *item), submissions))

    references_by_key: dict[str, set[str]] = {}
    for (key, _), (status, reference) in zip(submissions, results, strict=True):
        assert status == 201
        references_by_key.setdefault(key, set()).add(reference)
    assert all(len(references) == 1 for references in references_by_key.values())
    assert ContactRequest.objects.count() == 120


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the test database is one shared connection on SQLite")
@pytest.mark.django_db(transaction=True)
@override_settings(CONTACT_RATE_LIMIT_PER_HOUR=5)
def test_parallel_submissions_from_one_client_cannot_pass_the_limit_together(live_server: LiveServer) -> None:
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = [
            status for status, _ in pool.map(lambda number: submit(live_server.url, f"k{number}", number), range(40))
        ]

    assert sorted(statuses) == [201] * 5 + [429] * 35
    assert ContactRequest.objects.count() == 5


def start_server(tmp_path: Path, database: Path) -> RunningServer:
    environment = clean_environment(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "WAYPOST_DATA_DIR": str(tmp_path),
            "WAYPOST_HTTPS": "false",
            "WAYPOST_CONTACT_RATE_LIMIT_PER_HOUR": "100000",
        }
    )
    subprocess.run([*waypost_command(), "manage", "migrate", "-v", "0"], env=environment, check=True, timeout=120)
    port = free_port()
    process = subprocess.Popen(
        [*waypost_command(), "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = RunningServer(f"http://127.0.0.1:{port}", process)  # type: ignore[arg-type]
    wait_until_answering(server, "/urgent")
    return server


def test_every_answered_submission_survives_a_sigkill(tmp_path: Path) -> None:
    database = tmp_path / "waypost.sqlite3"
    server = start_server(tmp_path, database)
    answered: list[str] = []
    lock = threading.Lock()

    def send(number: int) -> None:
        status, reference = submit(server.base_url, f"crash-{number}", number)
        if status == 201:
            with lock:
                answered.append(reference)
                # Decided under the lock: read after it, two threads could both miss the 40th answer
                is_fortieth = len(answered) == 40
            if is_fortieth:
                os.killpg(server.process.pid, signal.SIGKILL)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(send, range(150)))
    server.process.wait(timeout=30)

    with sqlite3.connect(database) as stored:
        references = {row[0] for row in stored.execute("SELECT reference FROM intake_contactrequest")}
    assert len(answered) >= 40
    assert set(answered) <= references


def test_nothing_personal_is_readable_in_the_sqlite_files(tmp_path: Path) -> None:
    database = tmp_path / "waypost.sqlite3"
    server = start_server(tmp_path, database)
    try:
        statuses = [submit(server.base_url, f"plain-{number}", number)[0] for number in range(5)]
    finally:
        os.killpg(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=30)

    on_disk = b"".join(path.read_bytes() for path in tmp_path.glob("waypost.sqlite3*"))
    assert statuses == [201] * 5
    for secret in (PHONE, "7911123456", EMAIL, FREE_TEXT):
        assert secret.encode() not in on_disk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump reads a PostgreSQL database")
@pytest.mark.django_db(transaction=True)
@override_settings(CONTACT_RATE_LIMIT_PER_HOUR=10_000)
def test_nothing_personal_is_readable_in_a_pg_dump(live_server: LiveServer) -> None:
    assert submit(live_server.url, "dump-1", 1)[0] == 201
    settings_dict = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": str(settings_dict.get("PASSWORD") or "")}
    command = ["pg_dump", "--data-only", "-h", str(settings_dict["HOST"]), "-p", str(settings_dict["PORT"] or 5432)]
    command += ["-U", str(settings_dict["USER"]), str(settings_dict["NAME"])]

    dump = subprocess.run(command, capture_output=True, env=environment, check=True, timeout=120).stdout

    assert b"intake_contactrequest" in dump
    for secret in (PHONE, "7911123456", EMAIL, FREE_TEXT):
        assert secret.encode() not in dump
