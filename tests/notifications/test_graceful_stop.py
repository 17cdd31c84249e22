"""A real `waypost worker` stopped with SIGTERM or SIGINT mid-batch: it finishes the message it is sending, puts the
rest of its claim back, and another worker sends them; every message arrives exactly once."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from tests.notifications.processes import child_environment, outbox_snapshot, run_child, seed_outbox, start_child
from tests.notifications.smtp_server import RecordingHandler, running_smtp_server

ROWS = 6
BATCH_SIZE = 6
STOPPED_WHILE_SENDING = 2  # the second of one batch: one sent before it, four claimed after it

pytestmark = pytest.mark.django_db(transaction=True)


def stop_when_holding(worker: subprocess.Popen[str], handler: RecordingHandler, number: signal.Signals) -> str:
    try:
        assert handler.is_holding.wait(timeout=30), "the worker never reached the message to be held"
        worker.send_signal(number)
        handler.release.set()
        output, _ = worker.communicate(timeout=30)
        return output
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_worker_finishes_its_send_and_returns_the_rest_for_another_worker(
    tmp_path: Path, number: signal.Signals
) -> None:
    seed_outbox(ROWS, child_environment(tmp_path))
    handler = RecordingHandler(hold_at=STOPPED_WHILE_SENDING)

    with running_smtp_server(handler=handler) as server:
        environment = child_environment(
            tmp_path,
            WAYPOST_EMAIL_BACKEND="smtp",
            WAYPOST_SMTP_HOST="127.0.0.1",
            WAYPOST_SMTP_PORT=str(server.port),
            WAYPOST_SMTP_USE_TLS="false",
        )
        worker = start_child(["-m", "waypost", "worker", "--batch-size", str(BATCH_SIZE)], environment)
        output = stop_when_holding(worker, handler, number)
        after_the_stop = outbox_snapshot(environment)
        second_worker = run_child(["-m", "waypost", "worker", "--once"], environment)
        after_the_second_worker = outbox_snapshot(environment)

    assert worker.returncode == 0, output
    assert f"Stopping after the current message ({number.name})" in output
    assert [row["status"] for row in after_the_stop] == ["sent", "sent"] + ["queued"] * (ROWS - 2)
    # Claims still held would not be due again until their lease (300 s) ran out: these were given back
    assert second_worker.returncode == 0, second_worker.stderr
    assert [row["status"] for row in after_the_second_worker] == ["sent"] * ROWS
    assert sorted(handler.message_ids().values()) == [1] * ROWS, "the server received each message exactly once"
