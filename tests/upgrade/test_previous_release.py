"""Upgrade a database the previous release wrote, the way an operator would, and find everything still there."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

PREVIOUS_RELEASE = Path(__file__).parent / "previous_release"
KEY_FILES = ("encryption_keys", "blind_index_key", "secret_key")

# What the previous release's database holds (see previous_release/README.md)
EXPECTED = {
    "requests": 4,
    "activities": 4,
    "audit_events": 5,
    "messages": 8,
    "services": 320,
    "staff": 4,
    "note": "Left a voicemail; will try again this evening.",
    "closed": 1,
}

READ_BACK = """
import json
from waypost.core.models import AuditEvent
from waypost.directory.models import Service
from waypost.intake.models import ContactRequest
from waypost.notifications.models import OutboundMessage
from waypost.triage.models import Activity
from django.contrib.auth import get_user_model
requests = ContactRequest.objects.order_by("reference")
print(json.dumps({
    "requests": len(requests),
    "names_readable": all(bool(r.name) for r in requests),
    "activities": Activity.objects.count(),
    "audit_events": AuditEvent.objects.count(),
    "audited_requests": sorted({e.request_reference for e in AuditEvent.objects.all() if e.request_reference}),
    "messages": OutboundMessage.objects.count(),
    "services": Service.objects.count(),
    "staff": get_user_model().objects.count(),
    "note": next(a.note for a in Activity.objects.all() if a.note),
    "closed": sum(r.closed_at is not None for r in requests),
}))
"""


def waypost(data_folder: Path, database_url: str, *arguments: str) -> str:
    environment = {**os.environ, "WAYPOST_DATA_DIR": str(data_folder), "DATABASE_URL": database_url}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    finished = subprocess.run(
        [sys.executable, "-m", "waypost", "manage", *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


def data_folder_with_keys(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    for name in KEY_FILES:
        shutil.copy(PREVIOUS_RELEASE / name, folder / name)
        (folder / name).chmod(0o600)
    return folder


def upgrade_and_read_back(folder: Path, database_url: str) -> dict[str, Any]:
    migrated = waypost(folder, database_url, "migrate", "--no-input")
    assert "Carried over renamed apps" in migrated
    waypost(folder, database_url, "makemigrations", "--check", "--dry-run")
    found: dict[str, Any] = json.loads(waypost(folder, database_url, "shell", "-c", READ_BACK).splitlines()[-1])
    return found


def assert_everything_kept(found: dict[str, Any]) -> None:
    for key, expected in EXPECTED.items():
        assert found[key] == expected, key
    assert found["names_readable"]
    assert found["audited_requests"]


def test_an_sqlite_database_from_the_previous_release_upgrades_with_every_row_intact(tmp_path: Path) -> None:
    folder = data_folder_with_keys(tmp_path)
    database = folder / "waypost.sqlite3"
    with gzip.open(PREVIOUS_RELEASE / "waypost.sqlite3.gz") as packed, database.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)

    assert_everything_kept(upgrade_and_read_back(folder, f"sqlite:///{database}"))

    with sqlite3.connect(database) as stored:
        tables = {row[0] for row in stored.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not {name for name in tables if name.startswith("referrals_")}
        assert stored.execute("PRAGMA foreign_key_check").fetchall() == []
        # The staff's activity still points at the renamed table
        (activity_table,) = stored.execute("SELECT sql FROM sqlite_master WHERE name = 'triage_activity'").fetchone()
        assert '"intake_contactrequest"' in activity_table


def test_upgrading_twice_changes_nothing_more(tmp_path: Path) -> None:
    folder = data_folder_with_keys(tmp_path)
    database = folder / "waypost.sqlite3"
    with gzip.open(PREVIOUS_RELEASE / "waypost.sqlite3.gz") as packed, database.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    upgrade_and_read_back(folder, f"sqlite:///{database}")

    again = waypost(folder, f"sqlite:///{database}", "migrate", "--no-input")

    assert "Carried over" not in again
    assert "No migrations to apply" in again


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs when the suite runs on PostgreSQL")
def test_a_postgresql_database_from_the_previous_release_upgrades_with_every_row_intact(tmp_path: Path) -> None:
    server = urlsplit(os.environ["DATABASE_URL"])
    name = f"waypost_upgrade_{os.getpid()}"
    database_url = urlunsplit(server._replace(path=f"/{name}"))
    psql = ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.hostname or "127.0.0.1"]
    psql += ["-p", str(server.port or 5432), "-U", server.username or "postgres"]
    # The maintenance database is always there, whichever database the suite itself runs in
    admin = [*psql, "-d", "postgres"]
    subprocess.run([*admin, "-c", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run([*admin, "-c", f"CREATE DATABASE {name}"], check=True)
    try:
        dump = gzip.decompress((PREVIOUS_RELEASE / "postgresql.sql.gz").read_bytes())
        subprocess.run([*psql, "-d", name], input=dump, check=True, capture_output=True)

        assert_everything_kept(upgrade_and_read_back(data_folder_with_keys(tmp_path), database_url))
    finally:
        subprocess.run([*admin, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)
