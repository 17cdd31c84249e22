"""Every part of Waypost honours STOP: the outbox's one entry point withholds texts to an opted-out number (H-071)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.notifications.builders import PERSON_EMAIL, PERSON_PHONE, REQUEST_CONTEXT, queue_confirmation
from waypost.conversations.models import SmsOptOut
from waypost.conversations.opt_outs import phone_hash
from waypost.notifications.models import Channel, OutboundMessage, Status
from waypost.notifications.services import OPTED_OUT_NOTE, new_message, queue_messages

pytestmark = pytest.mark.django_db
OTHER_PHONE = "+447700900456"


def opt_out(phone: str) -> None:
    SmsOptOut.objects.create(phone_hash=phone_hash(phone), opted_out_at=timezone.now())


def test_every_sms_queued_to_an_opted_out_number_is_cancelled() -> None:
    opt_out(PERSON_PHONE)

    withheld = queue_confirmation(channel=Channel.SMS, recipient=PERSON_PHONE)
    other = queue_confirmation(channel=Channel.SMS, recipient=OTHER_PHONE)
    email = queue_confirmation(channel=Channel.EMAIL, recipient=PERSON_EMAIL)

    stored = OutboundMessage.objects.get(pk=withheld.pk)
    assert (stored.status, stored.last_error) == (Status.CANCELLED, OPTED_OUT_NOTE)
    assert OutboundMessage.objects.get(pk=other.pk).status == Status.QUEUED
    assert OutboundMessage.objects.get(pk=email.pk).status == Status.QUEUED


def test_a_number_that_texted_start_again_gets_texts() -> None:
    opt_out(PERSON_PHONE)
    SmsOptOut.objects.all().delete()

    assert queue_confirmation(channel=Channel.SMS, recipient=PERSON_PHONE).status == Status.QUEUED


def test_a_batch_is_checked_in_one_query() -> None:
    opt_out(PERSON_PHONE)
    messages = [
        new_message(channel=Channel.SMS, recipient=phone, template="request-received", context=REQUEST_CONTEXT)
        for phone in (PERSON_PHONE, OTHER_PHONE, PERSON_PHONE)
    ]

    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        stored = queue_messages(messages)

    assert [message.status for message in stored] == [Status.CANCELLED, Status.QUEUED, Status.CANCELLED]
    assert len([query for query in queries if "conversations_smsoptout" in query["sql"]]) == 1


def test_a_batch_of_emails_asks_nothing_about_opt_outs() -> None:
    with CaptureQueriesContext(connection) as queries:
        queue_confirmation(channel=Channel.EMAIL, recipient=PERSON_EMAIL)

    assert not [query for query in queries if "conversations_smsoptout" in query["sql"]]
