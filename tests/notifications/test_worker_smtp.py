"""The worker against a real SMTP server on a loopback port: delivery, outages, back-off and giving up."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.notifications.builders import (
    FROM_ADDRESS,
    PERSON_EMAIL,
    QUICK_POLICY,
    RefusingAdapter,
    queue_confirmation,
    queue_confirmations,
    smtp_adapter_for,
)
from tests.notifications.smtp_server import Login, RefusingHandler, RunningSmtpServer, running_smtp_server
from tests.servers import free_port
from waypost.notifications.adapters.smtp import SmtpAdapter, SmtpServer
from waypost.notifications.models import Channel, OutboundMessage, Status
from waypost.notifications.worker import OutboxWorker, Outcome

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def smtp_worker(port: int) -> OutboxWorker:
    return OutboxWorker(adapters={Channel.EMAIL: smtp_adapter_for(port)}, policy=QUICK_POLICY)


def test_delivers_over_smtp_and_records_the_message_id(smtp_server: RunningSmtpServer) -> None:
    message = queue_confirmation()

    outcomes = smtp_worker(smtp_server.port).run_once()

    message.refresh_from_db()
    [received] = smtp_server.handler.messages
    assert outcomes == {Outcome.SENT: 1}
    assert message.status == Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert message.provider_id == f"<{message.delivery_key}@help.example.org>"
    assert received["Message-ID"] == message.provider_id
    assert received["To"] == PERSON_EMAIL
    assert received["From"] == "Riverside <no-reply@help.example.org>"
    assert received["Subject"] == "We have your request (reference K7P-4QX)"
    assert received["Auto-Submitted"] == "auto-generated"
    assert "Someone from Riverside Wellbeing will contact you" in received.get_payload()


def test_delivers_every_due_message_across_batches(smtp_server: RunningSmtpServer) -> None:
    messages = queue_confirmations(7)
    worker = OutboxWorker(adapters={Channel.EMAIL: smtp_adapter_for(smtp_server.port)}, batch_size=3)

    outcomes = worker.run_once()

    assert outcomes == {Outcome.SENT: 7}
    assert sorted(smtp_server.handler.message_ids().values()) == [1] * 7
    assert set(OutboundMessage.objects.values_list("status", flat=True)) == {Status.SENT}
    assert {message.recipient for message in messages} == {str(m["To"]) for m in smtp_server.handler.messages}


def test_smtp_server_down_then_up_delivers_every_message_exactly_once() -> None:
    port = free_port()  # nothing listens here yet
    worker = smtp_worker(port)

    with time_machine.travel(START, tick=False) as clock:
        queue_confirmations(3)
        first = worker.run_once()
        clock.shift(timedelta(seconds=61))
        with running_smtp_server(port=port) as server:
            second = worker.run_once()
            third = worker.run_once()

    assert first == {Outcome.RETRYING: 3}
    assert second == {Outcome.SENT: 3}
    assert third == {}
    assert sorted(server.handler.message_ids().values()) == [1, 1, 1]
    assert list(OutboundMessage.objects.values_list("status", "attempts")) == [(Status.SENT, 2)] * 3


def test_records_why_delivery_failed_while_the_server_was_down() -> None:
    with time_machine.travel(START, tick=False):
        message = queue_confirmation()
        smtp_worker(free_port()).run_once()

    message.refresh_from_db()
    assert message.status == Status.QUEUED
    assert message.attempts == 1
    assert message.next_attempt_at == START + timedelta(seconds=60)
    assert message.last_error != ""
    assert message.claim_token == ""


def test_waits_twice_as_long_after_each_failure_up_to_the_longest_wait() -> None:
    refusing = RefusingAdapter()
    worker = OutboxWorker(adapters={Channel.EMAIL: refusing}, policy=QUICK_POLICY)
    waits = []

    with time_machine.travel(START, tick=False) as clock:
        message = queue_confirmation()
        for _ in range(QUICK_POLICY.max_attempts - 1):
            attempted_at = datetime.now(tz=UTC)
            worker.run_once()
            message.refresh_from_db()
            waits.append(message.next_attempt_at - attempted_at)
            clock.shift(waits[-1] - timedelta(seconds=1))
            assert worker.run_once() == {}, "nothing is sent before the wait is over"
            clock.shift(timedelta(seconds=1))

    assert waits == [timedelta(seconds=60), timedelta(seconds=120), timedelta(seconds=240)]
    assert QUICK_POLICY.retry_delay(4) == timedelta(seconds=480)
    assert QUICK_POLICY.retry_delay(5) == timedelta(seconds=600), "capped at the longest wait"
    assert QUICK_POLICY.retry_delay(500) == timedelta(seconds=600)
    assert refusing.calls == 3


def test_marks_failed_after_the_last_attempt_and_keeps_the_error_for_staff() -> None:
    worker = OutboxWorker(adapters={Channel.EMAIL: RefusingAdapter()}, policy=QUICK_POLICY)

    with time_machine.travel(START, tick=False) as clock:
        message = queue_confirmation()
        for _ in range(QUICK_POLICY.max_attempts):
            worker.run_once()
            clock.shift(QUICK_POLICY.longest_retry)
        after_giving_up = worker.run_once()

    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert message.attempts == QUICK_POLICY.max_attempts
    assert message.last_error == f"Provider refused {PERSON_EMAIL}"
    assert after_giving_up == {}
    assert list(OutboundMessage.objects.needing_attention()) == [message]


def test_a_mailbox_the_server_says_does_not_exist_fails_at_once() -> None:
    message = queue_confirmation()

    with running_smtp_server(handler=RefusingHandler()) as server:
        outcomes = smtp_worker(server.port).run_once()

    message.refresh_from_db()
    assert outcomes == {Outcome.FAILED: 1}
    assert message.status == Status.FAILED
    assert message.attempts == 1
    assert "550" in message.last_error
    assert server.handler.messages == []


@pytest.mark.parametrize(("password", "expected"), [("right", Outcome.SENT), ("wrong", Outcome.RETRYING)])
def test_logs_in_to_the_smtp_server_with_the_configured_account(password: str, expected: Outcome) -> None:
    message = queue_confirmation()
    server_settings = SmtpServer(
        host="127.0.0.1", port=0, username="waypost", password=password, use_tls=False, timeout_seconds=5
    )
    login = Login("waypost", "right")

    with running_smtp_server(login=login) as server:
        adapter = SmtpAdapter(server=replace(server_settings, port=server.port), from_address=FROM_ADDRESS)
        outcomes = OutboxWorker(adapters={Channel.EMAIL: adapter}, policy=QUICK_POLICY).run_once()

    message.refresh_from_db()
    assert outcomes == {expected: 1}
    assert len(server.handler.messages) == login.successful_logins == (1 if expected == Outcome.SENT else 0)
    if expected == Outcome.RETRYING:
        assert "535" in message.last_error
