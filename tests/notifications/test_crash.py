"""A real `waypost worker` process killed with SIGKILL mid-batch, then restarted: nothing lost, nothing sent twice."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.notifications.processes import child_environment, outbox_snapshot, run_child, seed_outbox, start_child
from tests.notifications.smtp_server import RecordingHandler, running_smtp_server

LEASE_SECONDS = 1
ROWS = 10
BATCH_SIZE = 4
KILLED_WHILE_SENDING = 6  # the second of the second batch: one sent before it, two claimed after it

pytestmark = pytest.mark.django_db(transaction=True)


def smtp_environment(tmp_path: Path, port: int) -> dict[str, str]:
    return child_environment(
        tmp_path,
        WAYPOST_EMAIL_BACKEND="smtp",
        WAYPOST_SMTP_HOST="127.0.0.1",
        WAYPOST_SMTP_PORT=str(port),
        WAYPOST_SMTP_USE_TLS="false",
        WAYPOST_OUTBOX_LEASE_SECONDS=str(LEASE_SECONDS),
    )


def kill_when_holding(worker: subprocess.Popen[str], handler: RecordingHandler) -> None:
    try:
        assert handler.is_holding.wait(timeout=30), "the worker never reached the message to be cut off"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)


def test_a_worker_killed_mid_send_leaves_every_row_sent_once_or_uncertain(tmp_path: Path) -> None:
    seed_outbox(ROWS, child_environment(tmp_path))
    handler = RecordingHandler(hold_at=KILLED_WHILE_SENDING)

    with running_smtp_server(handler=handler) as server:
        environment = smtp_environment(tmp_path, server.port)
        worker = start_child(["-m", "waypost", "worker", "--batch-size", str(BATCH_SIZE)], environment)
        kill_when_holding(worker, handler)
        after_the_kill = outbox_snapshot(environment)
        handler.release.set()
        time.sleep(LEASE_SECONDS + 0.5)
        restart = run_child(["-m", "waypost", "worker", "--once"], environment)
        after_the_restart = outbox_snapshot(environment)

    assert worker.returncode == -signal.SIGKILL
    assert [row["status"] for row in after_the_kill] == ["sent"] * 5 + ["sending", "claimed", "claimed"] + [
        "queued"
    ] * 2
    assert restart.returncode == 0, restart.stdout + restart.stderr
    assert "1 message(s) were being sent when a worker stopped; marked uncertain, not resent" in restart.stderr
    assert [row["status"] for row in after_the_restart] == ["sent"] * 5 + ["uncertain"] + ["sent"] * 4
    received = handler.message_ids()
    assert sorted(received.values()) == [1] * ROWS, "the server received each message exactly once"
    assert {f"<{row['delivery_key']}@localhost>" for row in after_the_restart} == set(received)
    assert all(row["provider_id"] in received for row in after_the_restart if row["status"] == "sent")
