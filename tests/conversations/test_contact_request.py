"""A conversation becomes a contact request through intake's own service, linked both ways, audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.conversations.conftest import PERSON_PHONE, SignedPost, text
from waypost.accounts.models import Organisation, User
from waypost.conversations.models import Conversation
from waypost.conversations.services import claim_conversation, start_web_chat
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.models import ContactRequest
from waypost.notifications.models import OutboundMessage

pytestmark = pytest.mark.django_db


def test_a_text_conversation_becomes_a_request_with_its_number_and_the_summary(
    staff_client: Callable[[User], Client], triage_worker_a: User, twilio: SignedPost
) -> None:
    twilio("/sms/inbound", text("Hello, can someone call me?"))
    conversation = Conversation.objects.get()
    claim_conversation(actor=triage_worker_a, conversation=conversation, page="/test")
    client = staff_client(triage_worker_a)
    base = f"/staff/conversations/{conversation.public_id}"

    response = client.post(f"{base}/contact-request", {"summary": "Wants a call back on weekday evenings."})

    assert response["Location"] == f"{base}?notice=request-made"
    made = ContactRequest.objects.get()
    assert made.phone == PERSON_PHONE
    assert made.can_text
    assert made.help_with == f"From conversation {conversation.reference}: Wants a call back on weekday evenings."
    conversation.refresh_from_db()
    assert conversation.contact_request == made
    page = client.get(base).content.decode()
    assert f"/staff/requests/{made.reference}" in page
    assert "Make a contact request" not in page
    request_page = client.get(f"/staff/requests/{made.reference}").content.decode()
    assert f'href="{base}">{conversation.reference}</a>' in request_page
    assert AuditEvent.objects.filter(
        action=AuditAction.CONVERSATION_TO_REQUEST, request_reference=conversation.reference
    ).exists()
    # intake's own service ran: the team alert and the person's confirmation went through the outbox
    assert OutboundMessage.objects.filter(reference=made.reference).exists()


def test_a_web_chat_becomes_a_request_with_the_number_the_person_gave(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="Sam", first_message="Hello")
    claim_conversation(actor=triage_worker_a, conversation=conversation, page="/test")

    response = staff_client(triage_worker_a).post(
        f"/staff/conversations/{conversation.public_id}/contact-request",
        {"summary": "Call after 6pm.", "phone": "07400 123456"},
    )

    assert response.status_code == 302, response.content.decode()[:3000]

    made = ContactRequest.objects.get()
    assert (made.phone, made.name, made.can_call, made.can_text) == ("+447400123456", "Sam", True, False)
    assert made.organisation == organisation_a


def test_a_second_request_from_the_same_conversation_is_refused(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="")
    claim_conversation(actor=triage_worker_a, conversation=conversation, page="/test")
    client = staff_client(triage_worker_a)
    base = f"/staff/conversations/{conversation.public_id}/contact-request"

    client.post(base, {"summary": "First"})
    second = client.post(base, {"summary": "Second"})

    assert second["Location"].endswith("?notice=request-exists")
    assert ContactRequest.objects.count() == 1


def test_a_summary_is_needed(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="")
    claim_conversation(actor=triage_worker_a, conversation=conversation, page="/test")

    response = staff_client(triage_worker_a).post(
        f"/staff/conversations/{conversation.public_id}/contact-request", {"summary": ""}
    )

    assert "Enter a summary" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_someone_who_neither_holds_nor_supervises_is_refused(
    staff_client: Callable[[User], Client], triage_worker_a: User, clinician_a: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="")
    claim_conversation(actor=triage_worker_a, conversation=conversation, page="/test")

    response = staff_client(clinician_a).post(
        f"/staff/conversations/{conversation.public_id}/contact-request", {"summary": "x"}
    )

    assert response["Location"].endswith("?notice=transfer-refused")
    assert not ContactRequest.objects.exists()


def test_another_organisation_gets_404_and_nothing_is_made(
    staff_client: Callable[[User], Client], triage_worker_a: User, triage_worker_b: User
) -> None:
    conversation = start_web_chat(first_name="")
    claim_conversation(actor=triage_worker_a, conversation=conversation, page="/test")

    response = staff_client(triage_worker_b).post(
        f"/staff/conversations/{conversation.public_id}/contact-request", {"summary": "x"}
    )

    assert response.status_code == 404
    assert not ContactRequest.objects.exists()
