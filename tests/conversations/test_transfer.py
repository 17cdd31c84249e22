"""Giving a taken conversation to a colleague: holder or supervisor only, same organisation, told to the person."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from waypost.accounts.models import Organisation, User
from waypost.conversations.models import Conversation, Message, Sender
from waypost.conversations.services import claim_conversation, start_web_chat
from waypost.core.audit import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def taken_chat(holder: User) -> Conversation:
    conversation = start_web_chat(first_name="Sam", first_message="Hello")
    claim_conversation(actor=holder, conversation=conversation, page="/test")
    return conversation


def test_the_holder_gives_the_chat_to_a_colleague_and_the_person_sees_their_first_name(
    staff_client: Callable[[User], Client], triage_worker_a: User, clinician_a: User
) -> None:
    User.objects.filter(pk=clinician_a.pk).update(first_name="Priya", last_name="Shah")
    conversation = taken_chat(triage_worker_a)
    base = f"/staff/conversations/{conversation.public_id}"

    page = staff_client(triage_worker_a).get(base).content.decode()
    response = staff_client(triage_worker_a).post(f"{base}/transfer", {"colleague": clinician_a.pk})

    assert "Priya Shah" in page
    assert response["Location"] == f"{base}?notice=transferred"
    conversation.refresh_from_db()
    assert conversation.claimed_by == clinician_a
    last = Message.objects.filter(conversation=conversation).order_by("-sequence").first()
    assert last is not None
    assert (last.sender, last.body) == (Sender.SYSTEM, "You are now talking with Priya.")
    event = AuditEvent.objects.get(action=AuditAction.TRANSFERRED_CONVERSATION)
    assert (event.actor_name, event.request_reference, event.detail) == (
        "triage-worker-a",
        conversation.reference,
        "to clinician-a",
    )


def test_a_colleague_with_no_first_name_is_another_member_of_the_team(
    triage_worker_a: User, clinician_a: User, staff_client: Callable[[User], Client]
) -> None:
    conversation = taken_chat(triage_worker_a)

    staff_client(triage_worker_a).post(
        f"/staff/conversations/{conversation.public_id}/transfer", {"colleague": clinician_a.pk}
    )

    last = Message.objects.filter(conversation=conversation).order_by("-sequence").first()
    assert last is not None
    assert last.body == "You are now talking with another member of the team."


def test_a_supervisor_may_transfer_someone_elses_chat(
    staff_client: Callable[[User], Client], triage_worker_a: User, clinician_a: User, supervisor_a: User
) -> None:
    conversation = taken_chat(triage_worker_a)

    staff_client(supervisor_a).post(
        f"/staff/conversations/{conversation.public_id}/transfer", {"colleague": clinician_a.pk}
    )

    conversation.refresh_from_db()
    assert conversation.claimed_by == clinician_a


def test_someone_who_neither_holds_nor_supervises_is_refused(
    staff_client: Callable[[User], Client], triage_worker_a: User, clinician_a: User, supervisor_a: User
) -> None:
    conversation = taken_chat(triage_worker_a)
    base = f"/staff/conversations/{conversation.public_id}"

    page = staff_client(clinician_a).get(base).content.decode()
    response = staff_client(clinician_a).post(f"{base}/transfer", {"colleague": supervisor_a.pk})

    assert "Transfer conversation" not in page
    assert response["Location"] == f"{base}?notice=transfer-refused"
    conversation.refresh_from_db()
    assert conversation.claimed_by == triage_worker_a
    assert not AuditEvent.objects.filter(action=AuditAction.TRANSFERRED_CONVERSATION).exists()


def test_a_colleague_from_another_organisation_cannot_be_chosen(
    staff_client: Callable[[User], Client], triage_worker_a: User, triage_worker_b: User
) -> None:
    conversation = taken_chat(triage_worker_a)
    sequence_before = Conversation.objects.get(pk=conversation.pk).last_sequence

    response = staff_client(triage_worker_a).post(
        f"/staff/conversations/{conversation.public_id}/transfer", {"colleague": triage_worker_b.pk}
    )

    assert response.status_code == 200
    assert "Select a colleague" in response.content.decode()
    conversation.refresh_from_db()
    assert (conversation.claimed_by, conversation.last_sequence) == (triage_worker_a, sequence_before)


def test_a_waiting_chat_is_taken_not_transferred(
    staff_client: Callable[[User], Client], supervisor_a: User, clinician_a: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="Sam")
    base = f"/staff/conversations/{conversation.public_id}"

    response = staff_client(supervisor_a).post(f"{base}/transfer", {"colleague": clinician_a.pk})

    assert response["Location"] == f"{base}?notice=not-taken"
    conversation.refresh_from_db()
    assert conversation.claimed_by is None


def test_another_organisation_gets_404_and_nothing_changes(
    staff_client: Callable[[User], Client], triage_worker_a: User, clinician_a: User, triage_worker_b: User
) -> None:
    conversation = taken_chat(triage_worker_a)

    response = staff_client(triage_worker_b).post(
        f"/staff/conversations/{conversation.public_id}/transfer", {"colleague": clinician_a.pk}
    )

    assert response.status_code == 404
    conversation.refresh_from_db()
    assert conversation.claimed_by == triage_worker_a
