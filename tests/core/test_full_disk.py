"""A full disk under the data folder: a server already running keeps answering /urgent and /healthz, and a
restart says "the disk holding WAYPOST_DATA_DIR is full" in one line and exits 2, never a raw traceback."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError

from tests.servers import clean_environment, free_port, running_waypost, waypost_command
from waypost import cli
from waypost.config.data_folder import ensure_key_file, ensure_secret_key_file, is_disk_full

DISK_FULL_LINE = "the disk holding WAYPOST_DATA_DIR is full"


def no_space(*arguments: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def files_that_cannot_be_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is created (a free inode), but writing its contents fails, as on a disk with no blocks left."""
    open_descriptor = os.fdopen

    def fdopen_on_a_full_disk(descriptor: int, *arguments: Any, **options: Any) -> Any:
        opened = open_descriptor(descriptor, *arguments, **options)
        opened.write = no_space
        return opened

    monkeypatch.setattr(os, "fdopen", fdopen_on_a_full_disk)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), True),
        (OSError(errno.EACCES, "Permission denied"), False),
        (sqlite3.OperationalError("database or disk is full"), True),
        (sqlite3.OperationalError("database is locked"), False),
        (ValueError("database or disk is full"), False),
    ],
)
def test_tells_a_full_disk_from_other_errors(error: BaseException, expected: bool) -> None:
    assert is_disk_full(error) is expected


def raise_djangos_error_for_sqlite_full() -> None:
    try:
        raise sqlite3.OperationalError("database or disk is full")
    except sqlite3.OperationalError as sqlite_error:
        raise OperationalError(*sqlite_error.args) from sqlite_error


def test_recognises_sqlite_full_behind_djangos_own_error() -> None:
    with pytest.raises(OperationalError) as caught:
        raise_djangos_error_for_sqlite_full()

    assert is_disk_full(caught.value)


def test_key_file_is_not_left_empty_when_the_disk_fills_while_writing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files_that_cannot_be_written(monkeypatch)

    with pytest.raises(OSError, match="No space left"):
        ensure_key_file(tmp_path, "encryption_keys")

    assert list(tmp_path.iterdir()) == []


def test_key_file_written_whole_when_there_is_room(tmp_path: Path) -> None:
    path = ensure_secret_key_file(tmp_path)

    assert len(path.read_text()) > 50
    assert [entry.name for entry in tmp_path.iterdir()] == ["secret_key"]


def test_start_on_a_full_disk_says_so_in_one_line_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WAYPOST_DATA_DIR", str(tmp_path))
    files_that_cannot_be_written(monkeypatch)
    # Settings are already loaded in this process; starting them again would write the first key file
    monkeypatch.setattr(cli, "setup_django", lambda: ensure_key_file(tmp_path, "encryption_keys"))

    status = cli.main(["worker", "--once"])

    lines = capsys.readouterr().err.splitlines()
    assert status == 2
    assert len(lines) == 1
    assert DISK_FULL_LINE in lines[0]
    assert str(tmp_path) in lines[0]


def test_other_errors_are_not_mistaken_for_a_full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(cli, "setup_django", broken)

    with pytest.raises(PermissionError):
        cli.main(["worker", "--once"])


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 48 MB filesystem (tmpfs), which needs root; elsewhere the tests above simulate the full disk."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(mount_point)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "--lazy", str(mount_point)], check=False)


def write_until_full(disk: Path) -> None:
    with (disk / "filler").open("wb") as filler:
        while True:
            filler.write(b"\0" * 1024 * 1024)
            filler.flush()


def fill(disk: Path) -> None:
    with pytest.raises(OSError, match="No space left on device"):
        write_until_full(disk)


def test_on_a_really_full_disk_the_server_keeps_answering_and_a_restart_says_why(
    tiny_disk: Path, tmp_path: Path
) -> None:
    environment = {"WAYPOST_DATA_DIR": str(tiny_disk / "data")}
    with running_waypost(["demo"], environment=environment, cwd=tmp_path, ready_path="/healthz") as server:
        fill(tiny_disk)
        urgent = server.get("/urgent")
        health = server.get("/healthz")

    restart = subprocess.run(
        [*waypost_command(), "demo", "--port", str(free_port())],
        cwd=tmp_path,
        env=clean_environment(environment),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert urgent.status == 200
    assert "Call 999 now" in urgent.body
    assert health.status == 200
    assert restart.returncode == 2
    assert restart.stderr.splitlines() == [
        f"waypost: {DISK_FULL_LINE} ({tiny_disk / 'data'}); free some space, then start again"
    ]
