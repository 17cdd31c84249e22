"""Saved replies: supervisors manage them; the holder puts one in the reply box, with no JavaScript needed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import make_staff
from tests.conversations.conftest import SignedPost, text
from waypost.accounts.models import Organisation, Role, User
from waypost.conversations.models import CannedReply, Conversation
from waypost.conversations.services import claim_conversation, start_web_chat

pytestmark = pytest.mark.django_db


def saved(organisation: Organisation, title: str, words: str) -> CannedReply:
    return CannedReply.objects.create(organisation=organisation, title=title, text=words, created_at=timezone.now())


def test_a_supervisor_adds_and_removes_a_saved_reply(
    staff_client: Callable[[User], Client], supervisor_a: User, organisation_a: Organisation
) -> None:
    client = staff_client(supervisor_a)

    added = client.post("/staff/conversations/replies/", {"title": "Hours", "text": "We are open 9 to 5."})
    reply = CannedReply.objects.get()
    listed = client.get(added["Location"]).content.decode()
    removed = client.post(f"/staff/conversations/replies/{reply.pk}/remove")

    assert (reply.organisation, reply.title, reply.text) == (organisation_a, "Hours", "We are open 9 to 5.")
    assert "We are open 9 to 5." in listed
    assert "The saved reply was added." in listed
    assert removed.status_code == 302
    assert not CannedReply.objects.exists()


def test_an_empty_saved_reply_is_refused_with_the_design_systems_errors(
    staff_client: Callable[[User], Client], supervisor_a: User
) -> None:
    response = staff_client(supervisor_a).post("/staff/conversations/replies/", {"title": "", "text": ""})

    assert response.status_code == 200
    assert "Enter a title" in response.content.decode()
    assert not CannedReply.objects.exists()


def test_someone_who_does_not_supervise_cannot_manage_saved_replies(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    reply = saved(organisation_a, "Hours", "We are open 9 to 5.")
    client = staff_client(triage_worker_a)

    assert client.get("/staff/conversations/replies/").status_code == 403
    assert client.post(f"/staff/conversations/replies/{reply.pk}/remove").status_code == 404
    assert CannedReply.objects.count() == 1


def test_another_organisations_supervisor_cannot_remove_it(
    staff_client: Callable[[User], Client], organisation_a: Organisation, organisation_b: Organisation
) -> None:
    reply = saved(organisation_a, "Hours", "We are open 9 to 5.")
    supervisor_b = make_staff("supervisor-b", organisation_b, Role.SUPERVISOR)
    client = staff_client(supervisor_b)

    listed = client.get("/staff/conversations/replies/").content.decode()
    response = client.post(f"/staff/conversations/replies/{reply.pk}/remove")

    assert "We are open 9 to 5." not in listed
    assert response.status_code == 404
    assert CannedReply.objects.count() == 1


def test_use_this_reply_puts_the_text_in_the_reply_box(
    staff_client: Callable[[User], Client],
    triage_worker_a: User,
    organisation_a: Organisation,
    organisation_b: Organisation,
) -> None:
    reply = saved(organisation_a, "Hours", "We are open 9 to 5.")
    saved(organisation_b, "Other", "Not ours")
    conversation = start_web_chat(first_name="Sam", first_message="Hello")
    claim_conversation(actor=triage_worker_a, conversation=conversation, page="/test")
    client = staff_client(triage_worker_a)
    base = f"/staff/conversations/{conversation.public_id}"

    page = client.get(base).content.decode()
    response = client.post(f"{base}/use-reply", {"reply": reply.pk})

    assert "Use this reply" in page
    assert "Not ours" not in page
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="body"' in html
    assert "We are open 9 to 5.</textarea>" in html


def test_another_organisations_reply_cannot_be_used(
    staff_client: Callable[[User], Client],
    triage_worker_a: User,
    organisation_a: Organisation,
    organisation_b: Organisation,
) -> None:
    other = saved(organisation_b, "Other", "Not ours")
    conversation = start_web_chat(first_name="Sam")
    claim_conversation(actor=triage_worker_a, conversation=conversation, page="/test")
    client = staff_client(triage_worker_a)

    response = client.post(f"/staff/conversations/{conversation.public_id}/use-reply", {"reply": other.pk})

    assert "Select a saved reply" in response.content.decode()
    assert "Not ours" not in response.content.decode()


def test_a_revealing_reply_is_refused_for_a_text(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation, twilio: SignedPost
) -> None:
    reply = saved(organisation_a, "Detox", "Our detox team will call you.")
    twilio("/sms/inbound", text("Hello"))
    conversation = Conversation.objects.get()
    claim_conversation(actor=triage_worker_a, conversation=conversation, page="/test")

    response = staff_client(triage_worker_a).post(
        f"/staff/conversations/{conversation.public_id}/use-reply", {"reply": reply.pk}
    )

    html = response.content.decode()
    assert "could show what it is about on a locked phone" in html
    assert "Our detox team will call you.</textarea>" not in html


def test_only_the_holder_can_use_a_saved_reply(
    staff_client: Callable[[User], Client], triage_worker_a: User, clinician_a: User, organisation_a: Organisation
) -> None:
    reply = saved(organisation_a, "Hours", "We are open 9 to 5.")
    conversation = start_web_chat(first_name="Sam")
    claim_conversation(actor=triage_worker_a, conversation=conversation, page="/test")
    base = f"/staff/conversations/{conversation.public_id}"

    response = staff_client(clinician_a).post(f"{base}/use-reply", {"reply": reply.pk})

    assert response["Location"] == f"{base}?notice=not-yours"
