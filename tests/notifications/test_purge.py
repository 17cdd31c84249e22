"""Retention and erasure: a message keeps its delivery record but loses its personal details."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.notifications.builders import (
    QUICK_POLICY,
    RecordingAdapter,
    RefusingAdapter,
    queue_confirmation,
    queue_confirmations,
)
from waypost.notifications.errors import MessageError
from waypost.notifications.models import Channel, OutboundMessage, Status
from waypost.notifications.outbox import claim_due_messages
from waypost.notifications.services import erase_messages, erase_messages_about, purge_sent_messages
from waypost.notifications.worker import OutboxWorker, Outcome

pytestmark = pytest.mark.django_db
SENT_AT = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
RETENTION = timedelta(days=30)


def sent_message() -> OutboundMessage:
    message = queue_confirmation()
    OutboxWorker(adapters={Channel.EMAIL: RecordingAdapter()}, policy=QUICK_POLICY).run_once()
    return message


def test_clears_the_personal_fields_of_messages_sent_before_the_period() -> None:
    with time_machine.travel(SENT_AT, tick=False) as clock:
        message = sent_message()
        clock.shift(RETENTION + timedelta(seconds=1))
        purged = purge_sent_messages(older_than=RETENTION)

    message.refresh_from_db()
    assert purged == 1
    assert (message.recipient, message.subject, message.body, message.last_error) == ("", "", "", "")
    assert message.purged_at == SENT_AT + RETENTION + timedelta(seconds=1)
    assert (message.status, message.provider_id, message.reference) == (
        Status.SENT,
        f"recorded-{message.delivery_key}",
        "K7P-4QX",
    )


def test_keeps_messages_sent_within_the_period() -> None:
    with time_machine.travel(SENT_AT, tick=False) as clock:
        message = sent_message()
        clock.shift(RETENTION - timedelta(seconds=1))
        purged = purge_sent_messages(older_than=RETENTION)

    message.refresh_from_db()
    assert purged == 0
    assert message.purged_at is None
    assert message.recipient != ""


def test_keeps_messages_that_were_not_sent() -> None:
    with time_machine.travel(SENT_AT, tick=False) as clock:
        queued = queue_confirmation()
        OutboxWorker(adapters={Channel.EMAIL: RefusingAdapter(is_permanent=True)}, policy=QUICK_POLICY).run_once()
        clock.shift(RETENTION * 2)
        purged = purge_sent_messages(older_than=RETENTION)

    queued.refresh_from_db()
    assert purged == 0
    assert queued.status == Status.FAILED
    assert queued.recipient != ""


def test_purging_twice_changes_nothing_the_second_time() -> None:
    with time_machine.travel(SENT_AT, tick=False) as clock:
        sent_message()
        clock.shift(RETENTION * 2)
        first = purge_sent_messages(older_than=RETENTION)
        second = purge_sent_messages(older_than=RETENTION)

    assert (first, second) == (1, 0)


def test_erasing_a_request_cancels_its_unsent_messages_and_clears_every_one() -> None:
    sent = sent_message()
    waiting = queue_confirmation()
    someone_else = queue_confirmations(1)[0]

    erased = erase_messages(reference="K7P-4QX")

    adapter = RecordingAdapter()
    OutboxWorker(adapters={Channel.EMAIL: adapter}, policy=QUICK_POLICY).run_once()
    rows = {row.pk: row for row in OutboundMessage.objects.all()}
    assert erased == 2
    assert (rows[sent.pk].status, rows[sent.pk].recipient) == (Status.SENT, "")
    assert (rows[waiting.pk].status, rows[waiting.pk].body) == (Status.CANCELLED, "")
    assert adapter.delivery_keys() == [str(someone_else.delivery_key)]


def test_a_message_erased_after_a_worker_claimed_it_is_not_sent() -> None:
    message = queue_confirmation()
    worker = OutboxWorker(adapters={Channel.EMAIL: RecordingAdapter()}, policy=QUICK_POLICY)
    claim = claim_due_messages(batch_size=1, lease=QUICK_POLICY.lease)

    erase_messages(reference="K7P-4QX")

    assert worker.deliver(message.pk, token=claim.token) == Outcome.SKIPPED
    assert OutboundMessage.objects.get(pk=message.pk).status == Status.CANCELLED


def test_erasing_many_references_is_two_updates_and_leaves_other_messages_alone() -> None:
    first, second, other = queue_confirmations(3)

    with CaptureQueriesContext(connection) as queries:
        erased = erase_messages_about([first.reference, second.reference])

    rows = {row.pk: row for row in OutboundMessage.objects.all()}
    assert erased == 2
    assert [query["sql"].split()[0] for query in queries.captured_queries if "UPDATE" in query["sql"]] == [
        "UPDATE",
        "UPDATE",
    ]
    assert (rows[first.pk].status, rows[second.pk].recipient) == (Status.CANCELLED, "")
    assert (rows[other.pk].status, rows[other.pk].recipient) == (Status.QUEUED, "person2@example.org")


def test_erasing_needs_a_reference_so_it_cannot_clear_every_unreferenced_message() -> None:
    with pytest.raises(MessageError, match="Name the reference"):
        erase_messages(reference="")
