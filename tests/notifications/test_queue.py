"""Queueing: rendered at once, stored encrypted, and only ever as part of the caller's transaction."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.notifications.builders import PERSON_EMAIL, PERSON_PHONE, REQUEST_CONTEXT, queue_confirmation
from waypost.notifications.errors import (
    InvalidRecipientError,
    MessageError,
    MissingContextError,
    OutsideTransactionError,
    UnknownTemplateError,
)
from waypost.notifications.models import Channel, OutboundMessage, Status
from waypost.notifications.services import new_message, queue_message, queue_messages, team_alert

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class CallerFailed(Exception):
    pass


def raw_columns(message: OutboundMessage) -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT recipient, subject, body FROM notifications_outboundmessage WHERE id = %s", [message.pk])
        row = cursor.fetchone()
    assert row is not None
    return row[0], row[1], row[2]


@time_machine.travel(NOW, tick=False)
def test_queues_the_rendered_message_due_now() -> None:
    message = queue_confirmation()

    message.refresh_from_db()
    assert message.status == Status.QUEUED
    assert message.channel == Channel.EMAIL
    assert message.template == "request-received"
    assert message.reference == "K7P-4QX"
    assert message.recipient == PERSON_EMAIL
    assert message.subject == "We have your request (reference K7P-4QX)"
    assert "Riverside Wellbeing" in message.body
    assert message.next_attempt_at == NOW
    assert message.attempts == 0
    assert message.provider_id == ""


def test_queues_an_sms_with_the_body_only() -> None:
    message = queue_confirmation(channel=Channel.SMS, recipient=PERSON_PHONE)

    message.refresh_from_db()
    assert message.recipient == PERSON_PHONE
    assert message.subject == ""
    assert message.body.startswith("We have your request (reference K7P-4QX) and aim to contact you by phone or text")


def test_recipient_subject_and_body_are_encrypted_at_rest() -> None:
    message = queue_confirmation()

    recipient, subject, body = raw_columns(message)

    assert PERSON_EMAIL not in recipient
    assert "K7P-4QX" not in subject
    assert "Riverside" not in body
    assert all(column.startswith("gAAAAA") for column in (recipient, subject, body))  # Fernet tokens


def queue_then_fail() -> None:
    with transaction.atomic():
        queue_confirmation()
        raise CallerFailed


def queue_a_good_then_a_bad_message() -> None:
    with transaction.atomic():
        queue_confirmation()
        queue_message(channel=Channel.EMAIL, recipient=PERSON_EMAIL, template="no-such-message", context={})


def test_a_message_is_rolled_back_with_the_callers_change() -> None:
    with pytest.raises(CallerFailed):
        queue_then_fail()

    assert OutboundMessage.objects.count() == 0


def test_a_bad_second_message_rolls_back_the_first_so_the_caller_can_report_the_error() -> None:
    with pytest.raises(UnknownTemplateError):
        queue_a_good_then_a_bad_message()

    assert OutboundMessage.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_refuses_to_queue_outside_a_transaction() -> None:
    with pytest.raises(OutsideTransactionError, match=r"inside the caller's transaction\.atomic\(\)"):
        queue_message(
            channel=Channel.EMAIL, recipient=PERSON_EMAIL, template="request-received", context=REQUEST_CONTEXT
        )

    assert OutboundMessage.objects.count() == 0


def test_several_messages_are_stored_in_one_insert_and_come_back_with_their_ids() -> None:
    messages = [
        new_message(
            channel=Channel.EMAIL, recipient=PERSON_EMAIL, template="request-received", context=REQUEST_CONTEXT
        ),
        new_message(channel=Channel.SMS, recipient=PERSON_PHONE, template="request-received", context=REQUEST_CONTEXT),
    ]

    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        stored = queue_messages(messages)

    inserts = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    assert [message.channel for message in stored] == [Channel.EMAIL, Channel.SMS]
    assert all(message.pk for message in stored)
    assert OutboundMessage.objects.count() == 2


def test_missing_context_fails_at_queue_time() -> None:
    with pytest.raises(MissingContextError), transaction.atomic():
        queue_message(channel=Channel.EMAIL, recipient=PERSON_EMAIL, template="request-received", context={})


@pytest.mark.parametrize(
    ("channel", "recipient"),
    [
        (Channel.EMAIL, "not-an-address"),
        (Channel.EMAIL, PERSON_PHONE),
        (Channel.SMS, "07700 900123"),
        (Channel.SMS, PERSON_EMAIL),
        (Channel.SMS, "+0447700900123"),
    ],
)
def test_refuses_a_recipient_the_channel_cannot_reach_without_quoting_it(channel: Channel, recipient: str) -> None:
    with pytest.raises(InvalidRecipientError) as error, transaction.atomic():
        queue_message(channel=channel, recipient=recipient, template="request-received", context=REQUEST_CONTEXT)

    assert recipient not in str(error.value)


def test_refuses_an_unknown_channel() -> None:
    with pytest.raises(ValueError, match="'fax' is not a valid Channel"), transaction.atomic():
        queue_message(
            channel="fax",  # type: ignore[arg-type]
            recipient=PERSON_EMAIL,
            template="request-received",
            context=REQUEST_CONTEXT,
        )


def test_refuses_a_reference_longer_than_the_column() -> None:
    with pytest.raises(MessageError, match="at most 64 characters"), transaction.atomic():
        queue_message(
            channel=Channel.EMAIL,
            recipient=PERSON_EMAIL,
            template="request-received",
            context=REQUEST_CONTEXT,
            reference="R" * 65,
        )


@override_settings(TEAM_ALERT_EMAIL="admissions@help.example.org")
def test_team_alert_goes_to_the_configured_team_address() -> None:
    alert = team_alert(reference="K7P-4QX", has_red_flag=True, staff_url="https://help.example.org/s/1")
    assert alert is not None

    with transaction.atomic():
        [message] = queue_messages([alert])

    message.refresh_from_db()
    assert message.recipient == "admissions@help.example.org"
    assert message.reference == "K7P-4QX"
    assert message.subject == "New call-back request K7P-4QX (red flag: yes)"


@override_settings(TEAM_ALERT_EMAIL="")
def test_no_team_alert_is_made_when_no_team_address_is_set(caplog: pytest.LogCaptureFixture) -> None:
    alert = team_alert(reference="K7P-4QX", has_red_flag=False, staff_url="https://help.example.org/s/1")

    assert alert is None
    assert OutboundMessage.objects.count() == 0
    assert "WAYPOST_TEAM_ALERT_EMAIL is not set, so no team alert was queued for 'K7P-4QX'" in caplog.text
