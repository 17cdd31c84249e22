"""Child processes for the worker's process-level tests: a database they share with the test, and runners."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
from collections.abc import Mapping
from pathlib import Path

from django.db import connection

from tests.servers import clean_environment

REPOSITORY = Path(__file__).resolve().parents[2]


def child_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The test database on PostgreSQL (the test must be transactional); a fresh SQLite file otherwise."""
    return {
        "WAYPOST_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": shared_database_url(tmp_path),
        "WAYPOST_HTTPS": "false",
        **extra,
    }


def shared_database_url(tmp_path: Path) -> str:
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'outbox.sqlite3'}"
    database = connection.settings_dict
    user = urllib.parse.quote(database["USER"] or "", safe="")
    password = urllib.parse.quote(database["PASSWORD"] or "", safe="")
    return f"postgres://{user}:{password}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


def start_child(arguments: list[str], environment: Mapping[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *arguments],
        cwd=REPOSITORY,
        env=clean_environment(environment),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def run_child(arguments: list[str], environment: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=REPOSITORY,
        env=clean_environment(environment),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def seed_outbox(count: int, environment: Mapping[str, str]) -> None:
    result = run_child(["-m", "tests.notifications.outbox_script", "seed", str(count)], environment)
    assert result.returncode == 0, result.stderr


def outbox_snapshot(environment: Mapping[str, str]) -> list[dict[str, str]]:
    result = run_child(["-m", "tests.notifications.outbox_script", "snapshot"], environment)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, str]] = json.loads(result.stdout)
    return rows
