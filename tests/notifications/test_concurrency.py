"""Several workers on one PostgreSQL database: every row is sent exactly once."""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from django.db import connection, connections

from tests.notifications.builders import QUICK_POLICY, RecordingAdapter, queue_confirmations
from waypost.notifications.adapters import Delivery
from waypost.notifications.models import Channel, OutboundMessage, Status
from waypost.notifications.outbox import claim_due_messages
from waypost.notifications.worker import OutboxWorker

ROWS = 300
WORKERS = 4

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SKIP LOCKED and concurrent writers need PostgreSQL"),
]


def yield_to_other_workers(delivery: Delivery) -> None:
    time.sleep(0.0005)


def run_worker_in_thread(adapter: RecordingAdapter, batch_size: int, errors: list[BaseException]) -> None:
    try:
        OutboxWorker(adapters={Channel.EMAIL: adapter}, batch_size=batch_size, policy=QUICK_POLICY).run_once()
    except BaseException as error:  # reported by the test, which cannot see a thread's exception
        errors.append(error)
    finally:
        connections.close_all()


def test_concurrent_workers_send_each_row_exactly_once() -> None:
    queue_confirmations(ROWS)
    adapter = RecordingAdapter(before_each=yield_to_other_workers)
    errors: list[BaseException] = []
    threads = [
        threading.Thread(target=run_worker_in_thread, args=(adapter, batch_size, errors))
        for batch_size in (5, 7, 10, 13)[:WORKERS]
    ]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    sends_per_row = Counter(adapter.delivery_keys())
    expected_keys = {str(key) for key in OutboundMessage.objects.values_list("delivery_key", flat=True)}
    assert errors == []
    assert set(sends_per_row) == expected_keys
    assert set(sends_per_row.values()) == {1}
    assert OutboundMessage.objects.filter(status=Status.SENT).count() == ROWS


def test_concurrent_claims_never_overlap() -> None:
    queue_confirmations(60)
    barrier = threading.Barrier(WORKERS)
    claims: list[list[int]] = []
    lock = threading.Lock()

    def claim_at_the_same_moment() -> None:
        try:
            barrier.wait(timeout=10)
            claim = claim_due_messages(batch_size=20, lease=QUICK_POLICY.lease)
            with lock:
                claims.append(claim.message_ids)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim_at_the_same_moment) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    claimed = [message_id for claim in claims for message_id in claim]
    assert len(claims) == WORKERS
    assert len(claimed) == len(set(claimed)) == 60
