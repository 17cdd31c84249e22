"""The data folder is private to the account that runs Waypost: the folder 0700, every file in it 0600.
The fallback page is the one exception: it is public, and a reverse proxy running as another user serves it."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.servers import running_waypost
from waypost.config.data_folder import data_folder
from waypost.core.fallback import write_urgent_fallback
from waypost.core.helplines import Region

LOOSE_UMASK = 0o022


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture
def fresh_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("WAYPOST_DATA_DIR", str(folder))
    return folder


def test_new_data_folder_is_made_0700(fresh_data_folder: Path) -> None:
    with umask(LOOSE_UMASK):
        data_folder()

    assert mode_of(fresh_data_folder) == 0o700


def test_files_created_after_opening_the_data_folder_are_0600(fresh_data_folder: Path) -> None:
    with umask(LOOSE_UMASK):
        data_folder()
        (fresh_data_folder / "waypost.sqlite3").write_bytes(b"")
        (fresh_data_folder / "outbox").mkdir()
        (fresh_data_folder / "outbox" / "message.log").write_text("Dear ...")

    assert mode_of(fresh_data_folder / "waypost.sqlite3") == 0o600
    assert mode_of(fresh_data_folder / "outbox") == 0o700
    assert mode_of(fresh_data_folder / "outbox" / "message.log") == 0o600


def test_data_folder_left_open_by_an_older_version_is_tightened(fresh_data_folder: Path) -> None:
    fresh_data_folder.mkdir(mode=0o755)
    fresh_data_folder.chmod(0o755)
    database = fresh_data_folder / "waypost.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o644)

    with umask(LOOSE_UMASK):
        data_folder()

    assert mode_of(fresh_data_folder) == 0o700
    assert mode_of(database) == 0o600


def test_data_folder_owned_by_another_account_is_left_as_its_owner_set_it(
    fresh_data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh_data_folder.mkdir()
    fresh_data_folder.chmod(0o750)
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)

    with umask(LOOSE_UMASK):
        data_folder()
        umask_afterwards = os.umask(LOOSE_UMASK)

    assert mode_of(fresh_data_folder) == 0o750
    assert umask_afterwards == LOOSE_UMASK


def test_fallback_page_stays_readable_by_the_reverse_proxy(tmp_path: Path) -> None:
    with umask(0o077):
        path = write_urgent_fallback(tmp_path / "fallback", Region.UK)

    assert mode_of(path) == 0o644
    assert mode_of(path.parent) == 0o755


def wait_for(path: Path, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and any(path.iterdir()):
            return True
        time.sleep(0.5)
    return False


def test_demo_creates_every_file_in_the_data_folder_0600(tmp_path: Path) -> None:
    data = tmp_path / "data"
    # The demo serves both regions and both languages (docs/adr/0043)
    fallback_pages = [f"urgent{suffix}.html" for suffix in ("", "-uk", "-us", "-es", "-uk-es", "-us-es")]
    public = {Path("fallback"): 0o755, **{Path("fallback", name): 0o644 for name in fallback_pages}}
    # The process must make its files private itself, whatever umask it was started with
    with umask(LOOSE_UMASK), running_waypost(["demo"], environment={"WAYPOST_DATA_DIR": str(data)}, cwd=tmp_path):
        assert wait_for(data / "outbox"), "the demo's worker wrote no messages"
        found = {path.relative_to(data): (mode_of(path), path.is_dir()) for path in data.rglob("*")}

    assert {Path("waypost.sqlite3-wal"), Path("waypost.sqlite3-shm"), Path("secret_key")} <= set(found)
    assert any(path.parent == Path("outbox") for path in found)
    assert mode_of(data) == 0o700
    for path, (mode, is_folder) in found.items():
        expected = public.get(path, 0o700 if is_folder else 0o600)
        if path.parts[0] == "static":  # the collected stylesheets and scripts, for a proxy to serve too
            expected = 0o755 if is_folder else 0o644
        assert mode == expected, f"{path} is {mode:o}, not {expected:o}"
