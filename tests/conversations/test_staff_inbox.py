"""The staff inbox: scoped to the user's organisations, audited, safe claiming, replies through the outbox."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver
from django.utils import timezone

from tests.conversations.conftest import PERSON_PHONE, SignedPost, text
from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.conversations.models import Channel, Conversation, ConversationStatus, Message, Outcome, Sender
from waypost.conversations.services import ConversationConflict, claim_conversation, start_web_chat
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.models import ContactRequest
from waypost.notifications.models import OutboundMessage, Status

pytestmark = pytest.mark.django_db


def conversation_urls(public_id: str) -> list[tuple[str, str]]:
    """(method, path) for every staff conversation URL that names one, found from the URLconf itself."""
    urls = []
    for pattern in get_resolver().url_patterns:
        for inner in getattr(pattern, "url_patterns", []):
            route = str(inner.pattern)
            if isinstance(inner, URLPattern) and route.startswith("staff/conversations/<uuid:public_id>"):
                method = "get" if inner.name == "conversation" else "post"
                urls.append((method, "/" + route.replace("<uuid:public_id>", public_id)))
    return urls


def test_every_conversation_url_is_found() -> None:
    assert len(conversation_urls("x")) == 9


def test_organisation_b_gets_404_everywhere_and_changes_nothing(
    staff_client: Callable[[User], Client], triage_worker_b: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="Sam", first_message="Hello")
    client = staff_client(triage_worker_b)

    for method, path in conversation_urls(str(conversation.public_id)):
        response = getattr(client, method)(path, {"body": "hi", "outcome": "supported"})
        assert response.status_code == 404, path
        assert "Sam" not in response.content.decode()
    inbox = client.get("/staff/conversations/")

    assert inbox.status_code == 200
    assert conversation.reference not in inbox.content.decode()
    untouched = Conversation.objects.get(pk=conversation.pk)
    assert (untouched.status, untouched.claimed_by, untouched.last_sequence) == ("waiting", None, 2)
    assert AuditEvent.objects.count() == 0


def test_the_public_is_sent_to_sign_in(organisation_a: Organisation) -> None:
    conversation = start_web_chat(first_name="Sam")

    for method, path in [("get", "/staff/conversations/"), *conversation_urls(str(conversation.public_id))]:
        response = getattr(Client(), method)(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/staff/login"), path


def test_the_inbox_lists_waiting_conversations_red_flag_first_then_longest_waiting(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    older = start_web_chat(first_name="")
    newer = start_web_chat(first_name="")
    flagged = start_web_chat(first_name="")
    now = timezone.now()
    Conversation.objects.filter(pk=older.pk).update(started_at=now - datetime.timedelta(minutes=5))
    Conversation.objects.filter(pk=flagged.pk).update(has_red_flag=True)

    html = staff_client(triage_worker_a).get("/staff/conversations/").content.decode()

    positions = [html.index(conversation.reference) for conversation in (flagged, older, newer)]
    assert positions == sorted(positions)
    assert "Waiting: red flags first, then the longest waiting" in html


def test_an_unanswered_message_past_the_target_is_shown_overdue(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    late = start_web_chat(first_name="", first_message="Hello?")
    fresh = start_web_chat(first_name="", first_message="Hi")
    Conversation.objects.filter(pk=late.pk).update(awaiting_reply_since=timezone.now() - datetime.timedelta(seconds=61))

    html = staff_client(triage_worker_a).get("/staff/conversations/").content.decode()

    late_row = html[html.index(late.reference) :].split("</tr>")[0]
    fresh_row = html[html.index(fresh.reference) :].split("</tr>")[0]
    assert "Overdue" in late_row
    assert "1 minute" in late_row
    assert "Overdue" not in fresh_row


def test_viewing_a_conversation_is_audited(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="Sam", first_message="I need to talk")

    response = staff_client(triage_worker_a).get(f"/staff/conversations/{conversation.public_id}")

    assert response.status_code == 200
    assert "I need to talk" in response.content.decode()
    assert list(AuditEvent.objects.values_list("action", "request_reference", "actor_name")) == [
        (AuditAction.VIEWED_CONVERSATION, conversation.reference, "triage-worker-a")
    ]


def test_only_one_of_two_people_takes_a_conversation(
    triage_worker_a: User, supervisor_a: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="")
    stale_copy = Conversation.objects.get(pk=conversation.pk)

    claim_conversation(actor=triage_worker_a, conversation=conversation, page="/test")
    with pytest.raises(ConversationConflict):
        claim_conversation(actor=supervisor_a, conversation=stale_copy, page="/test")

    taken = Conversation.objects.get(pk=conversation.pk)
    assert (taken.status, taken.claimed_by) == (ConversationStatus.ACTIVE, triage_worker_a)
    assert AuditEvent.objects.filter(action=AuditAction.TOOK_CONVERSATION).count() == 1


def test_taking_then_replying_reaches_the_web_chat_transcript(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    person = Client()
    person.post("/chat/", {"first_name": "Sam"})
    conversation = Conversation.objects.get()
    person.post(f"/chat/{conversation.public_id}/messages", {"body": "Hello?"})
    staff = staff_client(triage_worker_a)
    base = f"/staff/conversations/{conversation.public_id}"

    claimed = staff.post(f"{base}/claim")
    replied = staff.post(f"{base}/reply", {"body": "Hi Sam, I'm here."})

    assert claimed["Location"] == f"{base}?notice=taken"
    assert replied["Location"] == f"{base}#reply"
    messages = person.get(f"/chat/{conversation.public_id}/messages.json", {"after": "2"}).json()["messages"]
    assert [(m["sender"], m["body"]) for m in messages] == [
        ("system", "A member of the team joined."),
        ("staff", "Hi Sam, I'm here."),
    ]
    conversation.refresh_from_db()
    assert conversation.awaiting_reply_since is None
    assert OutboundMessage.objects.count() == 0
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        AuditAction.TOOK_CONVERSATION,
        AuditAction.REPLIED_IN_CONVERSATION,
    ]


def test_a_staff_reply_to_a_text_leaves_through_the_outbox(
    staff_client: Callable[[User], Client], triage_worker_a: User, twilio: SignedPost
) -> None:
    twilio("/sms/inbound", text("Hello, can someone talk?"))
    conversation = Conversation.objects.get()
    staff = staff_client(triage_worker_a)
    base = f"/staff/conversations/{conversation.public_id}"

    staff.post(f"{base}/claim")
    staff.post(f"{base}/reply", {"body": "Yes, I'm here. How are things?"})

    reply = OutboundMessage.objects.get(template="conversation-reply")
    assert (reply.recipient, reply.body, reply.status) == (
        PERSON_PHONE,
        "Yes, I'm here. How are things?",
        Status.QUEUED,
    )
    assert reply.reference == conversation.outbox_reference


def test_a_reply_to_a_text_that_would_reveal_too_much_is_refused(
    staff_client: Callable[[User], Client], triage_worker_a: User, twilio: SignedPost
) -> None:
    twilio("/sms/inbound", text("Hello"))
    conversation = Conversation.objects.get()
    staff = staff_client(triage_worker_a)
    base = f"/staff/conversations/{conversation.public_id}"
    staff.post(f"{base}/claim")

    response = staff.post(f"{base}/reply", {"body": "About your ketamine use"})

    assert response.status_code == 200
    assert "leave out words that reveal what it is about" in response.content.decode()
    assert not Message.objects.filter(sender=Sender.STAFF).exists()
    assert not OutboundMessage.objects.filter(template="conversation-reply").exists()


def test_a_staff_reply_to_a_number_that_texted_stop_is_not_sent(
    staff_client: Callable[[User], Client], triage_worker_a: User, twilio: SignedPost
) -> None:
    twilio("/sms/inbound", text("STOP"))
    twilio("/sms/inbound", text("Actually I do want to talk"))
    conversation = Conversation.objects.get()
    staff = staff_client(triage_worker_a)
    base = f"/staff/conversations/{conversation.public_id}"
    staff.post(f"{base}/claim")

    staff.post(f"{base}/reply", {"body": "Hello"})

    assert OutboundMessage.objects.get(template="conversation-reply").status == Status.CANCELLED


def test_only_the_person_who_took_it_may_reply(
    staff_client: Callable[[User], Client], triage_worker_a: User, supervisor_a: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="")
    claim_conversation(actor=supervisor_a, conversation=conversation, page="/test")

    response = staff_client(triage_worker_a).post(
        f"/staff/conversations/{conversation.public_id}/reply", {"body": "Hi"}
    )

    assert response["Location"].endswith("?notice=not-yours")
    assert not Message.objects.filter(sender=Sender.STAFF).exists()


def test_ending_with_an_outcome(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation
) -> None:
    conversation = start_web_chat(first_name="")
    staff = staff_client(triage_worker_a)
    base = f"/staff/conversations/{conversation.public_id}"
    staff.post(f"{base}/claim")

    missing = staff.post(f"{base}/end", {})
    ended = staff.post(f"{base}/end", {"outcome": "signposted"})

    assert "Select how the conversation ended" in missing.content.decode()
    assert ended["Location"] == f"{base}?notice=ended"
    conversation.refresh_from_db()
    assert (conversation.status, conversation.outcome) == (ConversationStatus.ENDED, Outcome.SIGNPOSTED)
    assert conversation.ended_at is not None


def test_a_text_from_the_number_of_a_request_links_to_it_and_carries_its_red_flag(
    staff_client: Callable[[User], Client], triage_worker_a: User, organisation_a: Organisation, twilio: SignedPost
) -> None:
    request = make_request(organisation_a)
    from waypost.conversations.opt_outs import phone_hash

    ContactRequest.objects.filter(pk=request.pk).update(phone_hash=phone_hash(PERSON_PHONE), has_red_flag=True)
    twilio("/sms/inbound", text("Hello"))
    conversation = Conversation.objects.get()

    html = staff_client(triage_worker_a).get(f"/staff/conversations/{conversation.public_id}").content.decode()

    assert conversation.has_red_flag is True
    assert conversation.channel == Channel.SMS
    assert f'href="/staff/requests/{request.reference}"' in html


def test_the_staff_navigation_links_to_the_inbox(staff_client: Callable[[User], Client], triage_worker_a: User) -> None:
    html = staff_client(triage_worker_a).get("/staff/").content.decode()

    assert '<a href="/staff/conversations/">Conversations</a>' in html
