"""Claims and outcomes: no row is taken twice, and a send whose outcome is unknown is never repeated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.db import OperationalError
from django.test import override_settings

from tests.notifications.builders import (
    QUICK_POLICY,
    RecordingAdapter,
    SilentAdapter,
    queue_confirmation,
    queue_confirmations,
)
from waypost.notifications.adapters import Delivery
from waypost.notifications.models import Channel, OutboundMessage, Status
from waypost.notifications.outbox import (
    INTERRUPTED_SEND_NOTE,
    claim_due_messages,
    mark_sending,
    record_sent,
)
from waypost.notifications.services import count_uncertain_messages, resolve_uncertain_message
from waypost.notifications.worker import OutboxWorker, Outcome

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LEASE = QUICK_POLICY.lease


def recording_worker(adapter: RecordingAdapter) -> OutboxWorker:
    return OutboxWorker(adapters={Channel.EMAIL: adapter}, policy=QUICK_POLICY)


def test_a_claimed_row_is_not_claimed_again_while_its_lease_holds() -> None:
    with time_machine.travel(START, tick=False) as clock:
        queue_confirmations(3)
        first = claim_due_messages(batch_size=2, lease=LEASE)
        second = claim_due_messages(batch_size=10, lease=LEASE)
        clock.shift(LEASE + timedelta(seconds=1))
        after_the_lease = claim_due_messages(batch_size=10, lease=LEASE)

    assert len(first.message_ids) == 2
    assert len(second.message_ids) == 1
    assert set(first.message_ids).isdisjoint(second.message_ids)
    # Claims whose worker vanished before sending anything come back
    assert after_the_lease.message_ids == [*first.message_ids, *second.message_ids]


def test_a_lost_claim_cannot_start_a_send() -> None:
    with time_machine.travel(START, tick=False) as clock:
        message = queue_confirmation()
        stale = claim_due_messages(batch_size=1, lease=LEASE)
        clock.shift(LEASE + timedelta(seconds=1))
        fresh = claim_due_messages(batch_size=1, lease=LEASE)

        assert mark_sending(message.pk, token=stale.token, lease=LEASE) is False
        assert mark_sending(message.pk, token=fresh.token, lease=LEASE) is True


def test_a_send_cut_off_by_a_crash_becomes_uncertain_and_is_not_sent_again() -> None:
    adapter = RecordingAdapter()
    with time_machine.travel(START, tick=False) as clock:
        message = queue_confirmation()
        claim = claim_due_messages(batch_size=1, lease=LEASE)
        mark_sending(message.pk, token=claim.token, lease=LEASE)
        # ...the worker dies here, after the provider call began and before the outcome was recorded
        clock.shift(LEASE - timedelta(seconds=1))
        during_the_lease = recording_worker(adapter).run_once()
        clock.shift(timedelta(seconds=2))
        after_the_lease = recording_worker(adapter).run_once()

    message.refresh_from_db()
    assert during_the_lease == after_the_lease == {}
    assert adapter.deliveries == []
    assert message.status == Status.UNCERTAIN
    assert message.attempts == 1
    assert message.last_error == INTERRUPTED_SEND_NOTE
    assert count_uncertain_messages() == 1
    assert list(OutboundMessage.objects.needing_attention()) == [message]


def test_the_original_worker_can_still_record_a_late_success() -> None:
    with time_machine.travel(START, tick=False) as clock:
        message = queue_confirmation()
        claim = claim_due_messages(batch_size=1, lease=LEASE)
        mark_sending(message.pk, token=claim.token, lease=LEASE)
        clock.shift(LEASE + timedelta(seconds=1))
        recording_worker(RecordingAdapter()).run_once()

        assert record_sent(message.pk, token=claim.token, provider_id="<late@example.org>") is True

    message.refresh_from_db()
    assert message.status == Status.SENT
    assert message.provider_id == "<late@example.org>"


def test_no_answer_from_the_provider_marks_the_message_uncertain_not_retried() -> None:
    message = queue_confirmation()
    worker = OutboxWorker(adapters={Channel.EMAIL: SilentAdapter()}, policy=QUICK_POLICY)

    outcomes = worker.run_once()
    again = worker.run_once()

    message.refresh_from_db()
    assert outcomes == {Outcome.UNCERTAIN: 1}
    assert again == {}
    assert message.status == Status.UNCERTAIN
    assert message.last_error == "TimeoutError: timed out waiting for the answer"


def test_stopping_mid_batch_puts_the_unsent_rest_back_in_the_queue() -> None:
    messages = queue_confirmations(4)
    worker = OutboxWorker(adapters={}, batch_size=4, policy=QUICK_POLICY)

    def stop_after_this_one(delivery: Delivery) -> None:
        worker.stop.set()

    adapter = RecordingAdapter(before_each=stop_after_this_one)
    worker.adapters = {Channel.EMAIL: adapter}

    outcomes = worker.run_once()

    statuses = list(OutboundMessage.objects.order_by("pk").values_list("status", "claim_token"))
    assert outcomes == {Outcome.SENT: 1}
    assert adapter.delivery_keys() == [str(messages[0].delivery_key)]
    assert statuses == [(Status.SENT, "")] + [(Status.QUEUED, "")] * 3


def test_a_message_no_key_can_open_fails_without_blocking_the_others() -> None:
    unreadable = queue_confirmation()
    with override_settings(ENCRYPTION_KEYS=[Fernet.generate_key().decode()]):
        readable = queue_confirmation()
        adapter = RecordingAdapter()
        outcomes = recording_worker(adapter).run_once()

    assert outcomes == {Outcome.FAILED: 1, Outcome.SENT: 1}
    assert adapter.delivery_keys() == [str(readable.delivery_key)]
    assert OutboundMessage.objects.filter(pk=unreadable.pk, status=Status.FAILED).exists()


@pytest.mark.parametrize(("was_delivered", "expected_status"), [(True, Status.SENT), (False, Status.QUEUED)])
def test_a_person_resolves_an_uncertain_message(was_delivered: bool, expected_status: Status) -> None:
    message = queue_confirmation()
    OutboxWorker(adapters={Channel.EMAIL: SilentAdapter()}, policy=QUICK_POLICY).run_once()

    resolved = resolve_uncertain_message(message_id=message.pk, was_delivered=was_delivered)

    assert resolved.status == expected_status
    assert count_uncertain_messages() == 0


def test_a_message_resolved_as_not_delivered_is_sent_once_more() -> None:
    message = queue_confirmation()
    OutboxWorker(adapters={Channel.EMAIL: SilentAdapter()}, policy=QUICK_POLICY).run_once()
    resolve_uncertain_message(message_id=message.pk, was_delivered=False)
    adapter = RecordingAdapter()

    recording_worker(adapter).run_once()

    message.refresh_from_db()
    assert adapter.delivery_keys() == [str(message.delivery_key)]
    assert (message.status, message.attempts) == (Status.SENT, 2)


def test_only_uncertain_messages_can_be_resolved() -> None:
    message = queue_confirmation()

    with pytest.raises(OutboundMessage.DoesNotExist):
        resolve_uncertain_message(message_id=message.pk, was_delivered=True)


def test_the_long_running_loop_survives_the_database_going_away(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    worker = OutboxWorker(adapters={Channel.EMAIL: RecordingAdapter()}, policy=QUICK_POLICY)
    batches: list[int] = []

    def database_down_then_stop() -> list[Outcome]:
        batches.append(len(batches) + 1)
        if len(batches) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        worker.stop.set()
        return []

    monkeypatch.setattr(worker, "deliver_batch", database_down_then_stop)
    # Inside the test's transaction, closing the connection would end the test's own transaction
    monkeypatch.setattr("waypost.notifications.worker.close_old_connections", lambda: None)

    worker.run_forever(poll_seconds=0.01)

    assert batches == [1, 2]
    assert "Outbox unavailable (OperationalError); trying again in 0.01 s" in caplog.text
