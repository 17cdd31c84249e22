"""A supervisor watches a conversation with the person's knowledge; a conversation becomes a recovery-support
invitation without retelling (issue 16)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from django.test import Client

from tests.conversations.conftest import PERSON_PHONE, SignedPost, text
from waypost.accounts.models import User
from waypost.conversations.models import Conversation, Message, Sender
from waypost.conversations.services import claim_conversation, start_web_chat
from waypost.core.audit import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def taken_chat(holder: User) -> Conversation:
    conversation = start_web_chat(first_name="Sam", first_message="Hello")
    claim_conversation(actor=holder, conversation=conversation, page="/test")
    return conversation


def system_notes(conversation: Conversation) -> list[str]:
    return list(
        Message.objects.filter(conversation=conversation, sender=Sender.SYSTEM)
        .order_by("sequence")
        .values_list("body", flat=True)
    )


def test_a_supervisor_watches_and_the_person_reads_that_they_do_by_first_name(
    staff_client: Callable[[User], Client], triage_worker_a: User, supervisor_a: User
) -> None:
    User.objects.filter(pk=supervisor_a.pk).update(first_name="Ruth", last_name="Okafor")
    conversation = taken_chat(triage_worker_a)
    base = f"/staff/conversations/{conversation.public_id}"
    client = staff_client(supervisor_a)

    before = client.get(base).content.decode()
    response = client.post(f"{base}/watch")
    client.post(f"{base}/watch")  # a second click tells the person nothing new
    after = client.get(base).content.decode()

    assert "Watch, and tell the person" in before
    assert response["Location"] == f"{base}?notice=watching"
    assert (
        system_notes(conversation)[-1] == "Ruth, a supervisor, is also reading this conversation to support the team."
    )
    assert system_notes(conversation).count(system_notes(conversation)[-1]) == 1
    # The note's author is the record that this supervisor watches
    watching_note = Message.objects.filter(conversation=conversation, sender=Sender.SYSTEM).latest("sequence")
    assert watching_note.author == supervisor_a
    assert "Watch, and tell the person" not in after
    assert "The person has been told that a supervisor is reading." in after
    watched = AuditEvent.objects.filter(action=AuditAction.VIEWED_CONVERSATION, detail="watching, with the person told")
    assert watched.count() == 2
    assert {event.actor_name for event in watched} == {"supervisor-a"}


def test_only_a_supervisor_who_is_not_answering_may_watch(
    staff_client: Callable[[User], Client], triage_worker_a: User, clinician_a: User, supervisor_a: User
) -> None:
    conversation = taken_chat(supervisor_a)
    base = f"/staff/conversations/{conversation.public_id}"

    by_holder = staff_client(supervisor_a).post(f"{base}/watch")
    by_worker = staff_client(clinician_a).post(f"{base}/watch")

    assert by_holder["Location"] == f"{base}?notice=watch-refused"
    assert by_worker["Location"] == f"{base}?notice=watch-refused"
    assert "Watch, and tell the person" not in staff_client(clinician_a).get(base).content.decode()
    assert not [note for note in system_notes(conversation) if "is also reading" in note]
    assert not AuditEvent.objects.filter(detail="watching, with the person told").exists()


def test_another_organisation_cannot_watch(
    staff_client: Callable[[User], Client], triage_worker_a: User, triage_worker_b: User
) -> None:
    conversation = taken_chat(triage_worker_a)

    response = staff_client(triage_worker_b).post(f"/staff/conversations/{conversation.public_id}/watch")

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(detail="watching, with the person told").exists()


def test_a_text_conversation_becomes_an_invitation_with_its_number_without_retelling(
    staff_client: Callable[[User], Client], triage_worker_a: User, twilio: SignedPost
) -> None:
    twilio("/sms/inbound", text("HELLO"))
    conversation = Conversation.objects.get()
    page = staff_client(triage_worker_a).get(f"/staff/conversations/{conversation.public_id}").content.decode()

    form = staff_client(triage_worker_a).get(f"/staff/recovery/invite?conversation={conversation.public_id}")

    assert f'href="/staff/recovery/invite?conversation={conversation.public_id}"' in page
    assert form.status_code == 200
    assert f'value="{PERSON_PHONE}"' in form.content.decode()
    viewed = AuditEvent.objects.get(
        action=AuditAction.VIEWED_CONVERSATION, page=f"/staff/recovery/invite?conversation={conversation.public_id}"
    )
    assert (viewed.actor_name, viewed.request_reference) == ("triage-worker-a", conversation.reference)


def test_a_web_chat_has_no_contact_so_the_worker_is_told_to_ask_in_the_chat(
    staff_client: Callable[[User], Client], triage_worker_a: User
) -> None:
    conversation = taken_chat(triage_worker_a)

    form = staff_client(triage_worker_a).get(f"/staff/recovery/invite?conversation={conversation.public_id}")

    assert form.status_code == 200
    assert (
        "A web chat gives no number or e-mail. Ask the person in the chat how they would like the invitation, "
        "then enter it." in form.content.decode()
    )


def test_another_organisations_conversation_cannot_prefill_an_invitation(
    staff_client: Callable[[User], Client], triage_worker_a: User, triage_worker_b: User
) -> None:
    conversation = taken_chat(triage_worker_a)
    client = staff_client(triage_worker_b)

    assert client.get(f"/staff/recovery/invite?conversation={conversation.public_id}").status_code == 404
    assert client.get("/staff/recovery/invite?conversation=not-an-id").status_code == 404
    assert client.get(f"/staff/recovery/invite?conversation={uuid.uuid4()}").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.VIEWED_CONVERSATION, actor_name="triage-worker-b").exists()
