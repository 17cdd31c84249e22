"""The parts of backup and restore that need no database: passwords kept off the command line, key fingerprints,
the manifest's checks, and a missing PostgreSQL tool."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.servers import clean_environment, waypost_command
from waypost.backups.errors import BackupError
from waypost.backups.keys import key_fingerprints, mismatched_fingerprints
from waypost.backups.manifest import read_manifest
from waypost.backups.postgresql import without_password


def test_the_database_password_goes_in_the_environment_not_the_arguments() -> None:
    address, environment = without_password("postgres://waypost:p%40ss%3Aword@db.example:5433/waypost?sslmode=require")

    assert address == "postgres://waypost@db.example:5433/waypost?sslmode=require"
    assert environment["PGPASSWORD"] == "p@ss:word"


def test_an_address_without_a_password_is_passed_as_it_is() -> None:
    address, environment = without_password("postgres://postgres@127.0.0.1:5432/waypost")

    assert address == "postgres://postgres@127.0.0.1:5432/waypost"
    assert environment.get("PGPASSWORD") == os.environ.get("PGPASSWORD")


def test_keys_added_by_a_rotation_still_match_the_backups_keys() -> None:
    backup = key_fingerprints({"encryption_keys": ["old-key"], "blind_index_key": ["index-key"]})
    rotated = key_fingerprints({"encryption_keys": ["new-key", "old-key"], "blind_index_key": ["index-key"]})

    assert mismatched_fingerprints(backup, rotated) == []


def test_a_missing_or_different_key_is_named() -> None:
    backup = key_fingerprints({"encryption_keys": ["old-key"], "blind_index_key": ["index-key"]})
    other = key_fingerprints({"encryption_keys": ["new-key"], "blind_index_key": ["another-index-key"]})

    assert mismatched_fingerprints(backup, other) == ["encryption_keys", "blind_index_key"]


def test_a_fingerprint_does_not_contain_the_key() -> None:
    (fingerprint,) = key_fingerprints({"blind_index_key": ["a-secret-index-key"]})["blind_index_key"]

    assert len(fingerprint) == 16
    assert "secret" not in fingerprint


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        pytest.param(None, "is not a Waypost backup: it has no manifest.json", id="missing"),
        pytest.param("{not json", "cannot be read as a Waypost backup manifest", id="not-json"),
        pytest.param('{"engine": "sqlite"}', "cannot be read as a Waypost backup manifest", id="fields-missing"),
    ],
)
def test_a_folder_without_a_readable_manifest_is_refused(tmp_path: Path, manifest: str | None, message: str) -> None:
    if manifest is not None:
        (tmp_path / "manifest.json").write_text(manifest)

    with pytest.raises(BackupError, match=message):
        read_manifest(tmp_path)


def test_a_manifest_of_a_later_backup_format_is_refused(tmp_path: Path) -> None:
    fields = {
        "engine": "sqlite",
        "database_file": "waypost.sqlite3",
        "sha256": "0" * 64,
        "created_at": "2030-01-01T00:00:00+00:00",
        "waypost_version": "9.0.0",
        "applied_migrations": [],
        "keys_included": False,
        "format_version": 2,
    }
    (tmp_path / "manifest.json").write_text(json.dumps(fields))

    with pytest.raises(BackupError, match="a backup format this release does not know"):
        read_manifest(tmp_path)


def test_a_postgresql_backup_without_pg_dump_says_what_to_install_and_leaves_nothing(tmp_path: Path) -> None:
    environment = {
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "WAYPOST_DATA_DIR": str(tmp_path / "data"),
        "PATH": str(tmp_path / "no-tools-here"),
    }

    finished = subprocess.run(
        [*waypost_command(), "backup", str(tmp_path / "backup")],
        env=clean_environment(environment),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 2
    assert finished.stderr.startswith("waypost: pg_dump is not on PATH; install PostgreSQL's client tools")
    assert not (tmp_path / "backup").exists()
