"""Conversations follow the retention period of contact requests: deleted with their messages and texts' details."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from tests.conversations.conftest import SignedPost, text
from waypost.conversations.models import Conversation, ConversationStatus, Message
from waypost.conversations.services import apply_conversation_retention
from waypost.notifications.models import OutboundMessage
from waypost.notifications.worker import run_periodic_tasks

pytestmark = pytest.mark.django_db


def end_days_ago(conversation: Conversation, days: int) -> None:
    Conversation.objects.filter(pk=conversation.pk).update(
        status=ConversationStatus.ENDED, ended_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_deletes_conversations_ended_before_the_retention_period_and_erases_their_texts(
    twilio: SignedPost, settings: Settings
) -> None:
    settings.RETENTION_DAYS = 30
    twilio("/sms/inbound", text("Hello", phone="+447700900001"))
    twilio("/sms/inbound", text("Hello", phone="+447700900002"))
    twilio("/sms/inbound", text("Hello", phone="+447700900003"))
    old, recent, still_open = Conversation.objects.order_by("pk")
    end_days_ago(old, 31)
    end_days_ago(recent, 29)

    deleted = apply_conversation_retention()

    assert deleted == 1
    assert list(Conversation.objects.order_by("pk")) == [recent, still_open]
    assert not Message.objects.filter(conversation_id=old.pk).exists()
    erased = OutboundMessage.objects.get(reference=old.outbox_reference)
    assert (erased.recipient, erased.body, erased.purged_at is not None) == ("", "", True)
    assert OutboundMessage.objects.get(reference=recent.outbox_reference).recipient == "+447700900002"


def test_the_worker_applies_it(twilio: SignedPost, settings: Settings) -> None:
    settings.RETENTION_DAYS = 30
    twilio("/sms/inbound", text("Hello"))
    end_days_ago(Conversation.objects.get(), 31)

    run_periodic_tasks()

    assert not Conversation.objects.exists()


def test_nothing_to_delete_changes_nothing(twilio: SignedPost) -> None:
    twilio("/sms/inbound", text("Hello"))

    assert apply_conversation_retention() == 0
    assert Conversation.objects.count() == 1
