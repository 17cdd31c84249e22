"""Erasing a conversation on the person's request: messages, name, number and texts' details go; reference stays."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.conversations.conftest import PERSON_PHONE, SignedPost, text
from waypost.accounts.models import Organisation, User
from waypost.conversations.models import Conversation, ConversationStatus, Message
from waypost.conversations.services import claim_conversation, reply_as_staff, start_web_chat
from waypost.core.audit import AuditAction, AuditEvent
from waypost.notifications.models import OutboundMessage

pytestmark = pytest.mark.django_db


def test_an_organisation_admin_erases_a_text_conversation_and_its_texts_details(
    staff_client: Callable[[User], Client],
    triage_worker_a: User,
    organisation_admin_a: User,
    twilio: SignedPost,
) -> None:
    twilio("/sms/inbound", text("Hello, it's Sam"))
    conversation = Conversation.objects.get()
    claim_conversation(actor=triage_worker_a, conversation=conversation, page="/test")
    reply_as_staff(actor=triage_worker_a, conversation=conversation, body="Hi, I'm here.", page="/test")
    client = staff_client(organisation_admin_a)
    base = f"/staff/conversations/{conversation.public_id}"

    response = client.post(f"{base}/erase")

    assert response["Location"] == f"{base}?notice=erased"
    erased = Conversation.objects.get(pk=conversation.pk)
    assert (erased.phone, erased.phone_hash, erased.first_name) == (None, "", None)
    assert erased.status == ConversationStatus.ENDED
    assert erased.erased_at is not None
    assert (erased.reference, erased.started_at) == (conversation.reference, conversation.started_at)
    assert not Message.objects.filter(conversation=erased).exists()
    texts = OutboundMessage.objects.filter(reference=conversation.outbox_reference)
    assert texts.exists()
    assert all(PERSON_PHONE not in message.recipient and "I'm here" not in message.body for message in texts)
    assert AuditEvent.objects.filter(
        action=AuditAction.ERASED_CONVERSATION, request_reference=conversation.reference
    ).exists()
    page = client.get(base).content.decode()
    assert "Only the reference and dates are kept" in page
    assert "Hi, I'm here." not in page


def test_a_web_chat_loses_its_name_and_messages(
    staff_client: Callable[[User], Client], organisation_admin_a: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="Sam", first_message="My secret")

    staff_client(organisation_admin_a).post(f"/staff/conversations/{conversation.public_id}/erase")

    erased = Conversation.objects.get(pk=conversation.pk)
    assert erased.first_name is None
    assert not Message.objects.filter(conversation=erased).exists()


def test_only_an_organisation_admin_may_erase(
    staff_client: Callable[[User], Client], supervisor_a: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="Sam", first_message="Hello")
    client = staff_client(supervisor_a)

    page = client.get(f"/staff/conversations/{conversation.public_id}").content.decode()
    response = client.post(f"/staff/conversations/{conversation.public_id}/erase")

    assert "Erase this conversation" not in page
    assert response.status_code == 403
    assert Conversation.objects.get(pk=conversation.pk).first_name == "Sam"
    assert Message.objects.filter(conversation=conversation).count() == 2


def test_another_organisation_gets_404_and_nothing_is_erased(
    staff_client: Callable[[User], Client], triage_worker_b: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="Sam", first_message="Hello")

    response = staff_client(triage_worker_b).post(f"/staff/conversations/{conversation.public_id}/erase")

    assert response.status_code == 404
    assert Conversation.objects.get(pk=conversation.pk).first_name == "Sam"
    assert not AuditEvent.objects.filter(action=AuditAction.ERASED_CONVERSATION).exists()
