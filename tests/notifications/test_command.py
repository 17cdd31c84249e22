"""`waypost worker` as an operator runs it: the demo's file outbox, a clean stop, and refusing bad settings."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.notifications.processes import child_environment, run_child, seed_outbox, start_child

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for_files(folder: Path, count: int, *, seconds: float = 30) -> list[Path]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        files = sorted(folder.glob("*.eml")) if folder.is_dir() else []
        if len(files) >= count:
            return files
        time.sleep(0.05)
    raise TimeoutError(f"{count} messages did not appear in {folder}")


def test_once_delivers_what_is_due_into_the_demo_outbox_folder_and_exits(tmp_path: Path) -> None:
    environment = child_environment(tmp_path)
    seed_outbox(3, environment)

    result = run_child(["-m", "waypost", "worker", "--once"], environment)

    outbox = tmp_path / "data" / "outbox"
    assert result.returncode == 0, result.stderr
    assert f"e-mail goes to files in {outbox}" in result.stderr
    assert "Outbox worker finished: 3 sent, 0 retrying, 0 failed, 0 uncertain" in result.stderr
    assert len(list(outbox.glob("*.eml"))) == 3
    assert "person0@example.org" not in result.stderr, "logs never show a recipient"


def test_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    environment = child_environment(tmp_path)
    seed_outbox(2, environment)
    worker = start_child(["-m", "waypost", "worker", "--poll-seconds", "30"], environment)
    try:
        wait_for_files(tmp_path / "data" / "outbox", 2)
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)

    assert worker.returncode == 0
    assert "Stopping after the current message (SIGTERM)" in output
    assert output.rstrip().endswith("Outbox worker stopped")


@pytest.mark.parametrize("arguments", [["--batch-size", "0"], ["--poll-seconds", "0"]])
def test_refuses_a_batch_size_or_poll_interval_that_would_never_work(tmp_path: Path, arguments: list[str]) -> None:
    result = run_child(["-m", "waypost", "worker", "--once", *arguments], child_environment(tmp_path))

    assert result.returncode == 2
    assert "--batch-size must be at least 1 and --poll-seconds above 0" in result.stderr


def test_refuses_to_start_with_twilio_chosen_but_not_configured(tmp_path: Path) -> None:
    environment = child_environment(tmp_path, WAYPOST_SMS_BACKEND="twilio", WAYPOST_TWILIO_ACCOUNT_SID="AC1")

    result = run_child(["-m", "waypost", "worker", "--once"], environment)

    assert result.returncode == 2
    assert "configuration error: WAYPOST_SMS_BACKEND=twilio needs WAYPOST_TWILIO_AUTH_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr


def test_once_exits_with_an_error_when_the_outbox_table_is_missing(tmp_path: Path) -> None:
    never_migrated = f"sqlite:///{tmp_path / 'empty.sqlite3'}"

    result = run_child(["-m", "waypost", "worker", "--once"], child_environment(tmp_path, DATABASE_URL=never_migrated))

    assert result.returncode == 1
    assert "Outbox unavailable" in result.stderr
