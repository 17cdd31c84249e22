"""The SMS webhooks: Twilio's signature, keywords by carrier rules, the automatic reply and delivery reports."""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings

from tests.conversations.conftest import PERSON_PHONE, SignedPost, signature_for, text
from waypost.conversations.models import Conversation, ConversationStatus, Message, Outcome, Sender, SmsOptOut
from waypost.conversations.opt_outs import phone_hash
from waypost.conversations.twilio_signature import expected_signature
from waypost.notifications.models import Channel, OutboundMessage, Status

pytestmark = pytest.mark.django_db


def test_signs_twilios_published_example() -> None:
    parameters = {
        "CallSid": "CA1234567890ABCDE",
        "Caller": "+14158675309",
        "Digits": "1234",
        "From": "+14158675309",
        "To": "+18005551212",
    }
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"

    assert expected_signature(url, parameters.items(), auth_token="12345") == "RSOYDt4T1cUTdK1PDd93/VVr8B8="


def test_signs_each_distinct_value_of_a_repeated_parameter_in_order() -> None:
    parameters = [("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234"), ("Digits", "1234")]
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"

    assert expected_signature(url, parameters, auth_token="12345") == "IK+Dwps556ElfBT0I3Rgjkr1wJU="


@pytest.mark.parametrize(
    "signature",
    [
        "",
        "wrong",
        signature_for("/sms/inbound", text("Hello"), token="another-token"),
        signature_for("/sms/other", text("Hello")),
    ],
    ids=["missing", "garbage", "other-token", "other-url"],
)
@pytest.mark.parametrize("path", ["/sms/inbound", "/sms/status"])
def test_refuses_a_request_not_signed_with_the_auth_token_and_stores_nothing(
    twilio: SignedPost, signature: str, path: str
) -> None:
    response = twilio(path, text("Hello"), signature=signature)

    assert response.status_code == 403
    assert (Conversation.objects.count(), Message.objects.count(), OutboundMessage.objects.count()) == (0, 0, 0)


def test_refuses_every_request_while_no_auth_token_is_configured(twilio: SignedPost, settings: Settings) -> None:
    settings.TWILIO_AUTH_TOKEN = ""
    response = twilio("/sms/inbound", text("Hello"), signature=signature_for("/sms/inbound", text("Hello"), token=""))

    assert response.status_code == 403
    assert Conversation.objects.count() == 0


def test_a_signed_body_changed_on_the_way_is_refused(twilio: SignedPost) -> None:
    signature = signature_for("/sms/inbound", text("Hello"))

    response = twilio("/sms/inbound", text("Hello there"), signature=signature)

    assert response.status_code == 403
    assert Conversation.objects.count() == 0


def test_a_first_text_starts_a_conversation_and_queues_the_automatic_reply(twilio: SignedPost) -> None:
    response = twilio("/sms/inbound", text("Is anyone there?"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.decode() == '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
    conversation = Conversation.objects.get()
    assert (conversation.channel, conversation.status, conversation.phone) == ("sms", "waiting", PERSON_PHONE)
    assert conversation.phone_hash == phone_hash(PERSON_PHONE)
    assert [(m.sequence, m.sender, m.body[:16]) for m in conversation.messages.all()] == [
        (1, Sender.PERSON, "Is anyone there?"),
        (2, Sender.SYSTEM, "Waypost: thank y"),
    ]
    reply = OutboundMessage.objects.get()
    assert (reply.channel, reply.template, reply.recipient, reply.status) == (
        Channel.SMS,
        "conversation-welcome",
        PERSON_PHONE,
        Status.QUEUED,
    )
    assert reply.reference == conversation.outbox_reference
    assert "Call 999" in reply.body
    assert "Samaritans, Call 116 123" in reply.body
    assert "Reply STOP to stop texts." in reply.body


def test_the_phone_number_is_stored_encrypted(twilio: SignedPost) -> None:
    from django.db import connection

    twilio("/sms/inbound", text("Hello"))

    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM conversations_conversation")
        (stored,) = cursor.fetchone()
        cursor.execute("SELECT body FROM conversations_message WHERE sender = 'person'")
        (body,) = cursor.fetchone()
    assert PERSON_PHONE not in stored
    assert body != "Hello"


def test_a_second_text_continues_the_conversation_without_another_automatic_reply(twilio: SignedPost) -> None:
    twilio("/sms/inbound", text("Hi"))
    twilio("/sms/inbound", text("Are you there?"))

    conversation = Conversation.objects.get()
    assert [m.body for m in conversation.messages.filter(sender=Sender.PERSON)] == ["Hi", "Are you there?"]
    assert OutboundMessage.objects.count() == 1


def test_the_opening_word_sends_the_welcome_again_in_an_open_conversation(twilio: SignedPost) -> None:
    twilio("/sms/inbound", text("Hi"))
    twilio("/sms/inbound", text("hello"))

    assert list(OutboundMessage.objects.values_list("template", flat=True)) == [
        "conversation-welcome",
        "conversation-welcome",
    ]


def test_stop_is_confirmed_once_then_silence(twilio: SignedPost) -> None:
    twilio("/sms/inbound", text("Hi"))

    twilio("/sms/inbound", text("STOP"))
    twilio("/sms/inbound", text("stop"))
    twilio("/sms/inbound", text("Hi again"))

    templates = list(OutboundMessage.objects.order_by("pk").values_list("template", "status"))
    assert templates == [
        ("conversation-welcome", Status.CANCELLED),  # not yet sent when STOP arrived
        ("conversation-stopped", Status.QUEUED),
        ("conversation-welcome", Status.CANCELLED),  # the new conversation's welcome is withheld
    ]
    assert SmsOptOut.objects.filter(phone_hash=phone_hash(PERSON_PHONE)).count() == 1
    first, second = Conversation.objects.order_by("pk")
    assert (first.status, first.outcome) == (ConversationStatus.ENDED, Outcome.OPTED_OUT)
    assert second.status == ConversationStatus.WAITING
    stopped = OutboundMessage.objects.get(template="conversation-stopped")
    assert stopped.body == "Waypost: you will get no more texts from us. Reply START to get them again."


@pytest.mark.parametrize("word", ["UNSUBSCRIBE", "Cancel", "end", "QUIT", "STOPALL"])
def test_every_carrier_stop_word_opts_the_number_out(twilio: SignedPost, word: str) -> None:
    twilio("/sms/inbound", text(word))

    assert SmsOptOut.objects.filter(phone_hash=phone_hash(PERSON_PHONE)).exists()
    assert Conversation.objects.count() == 0


def test_start_lets_texts_through_again(twilio: SignedPost) -> None:
    twilio("/sms/inbound", text("STOP"))

    twilio("/sms/inbound", text("START"))
    twilio("/sms/inbound", text("Hello, can we talk"))

    assert not SmsOptOut.objects.exists()
    assert list(OutboundMessage.objects.order_by("pk").values_list("template", "status")) == [
        ("conversation-stopped", Status.QUEUED),
        ("conversation-resumed", Status.QUEUED),
        ("conversation-welcome", Status.QUEUED),
    ]


def test_start_without_a_stop_sends_nothing(twilio: SignedPost) -> None:
    twilio("/sms/inbound", text("START"))

    assert OutboundMessage.objects.count() == 0


@pytest.mark.parametrize("word", ["HELP", "info", "Help."])
def test_help_returns_the_service_information_without_starting_a_conversation(twilio: SignedPost, word: str) -> None:
    twilio("/sms/inbound", text(word))

    reply = OutboundMessage.objects.get()
    assert reply.template == "conversation-help"
    assert reply.body.startswith("Waypost: a confidential text service. Text HELLO to talk to a trained person.")
    assert Conversation.objects.count() == 0


def test_help_is_the_opening_word_when_the_setting_says_so(twilio: SignedPost, settings: Settings) -> None:
    settings.SMS_OPENING_WORD = "HELP"

    twilio("/sms/inbound", text("HELP"))

    assert Conversation.objects.count() == 1
    assert list(OutboundMessage.objects.values_list("template", flat=True)) == ["conversation-welcome"]


def test_a_text_from_a_number_that_cannot_be_answered_is_not_kept(twilio: SignedPost) -> None:
    response = twilio("/sms/inbound", text("Hello", phone="VODAFONE"))

    assert response.status_code == 200
    assert Conversation.objects.count() == 0


def test_get_is_refused_with_405(twilio: SignedPost) -> None:
    from django.test import Client

    response = Client().get("/sms/inbound")

    assert response.status_code == 405
    assert response["Allow"] == "POST"


def make_sent_text(provider_id: str) -> OutboundMessage:
    from django.utils import timezone

    return OutboundMessage.objects.create(
        channel=Channel.SMS,
        template="conversation-reply",
        recipient=PERSON_PHONE,
        body="Hello",
        status=Status.SENT,
        sent_at=timezone.now(),
        provider_id=provider_id,
    )


@pytest.mark.parametrize(
    ("report", "expected"),
    [("undelivered", Status.FAILED), ("failed", Status.FAILED), ("delivered", Status.SENT), ("sent", Status.SENT)],
)
def test_a_delivery_report_updates_the_outbox(twilio: SignedPost, report: str, expected: Status) -> None:
    message = make_sent_text("SM123")
    make_sent_text("SM456")

    response = twilio("/sms/status", {"MessageSid": "SM123", "MessageStatus": report, "ErrorCode": "30005"})

    assert response.status_code == 200
    assert OutboundMessage.objects.get(pk=message.pk).status == expected
    assert OutboundMessage.objects.get(provider_id="SM456").status == Status.SENT


def test_an_undelivered_report_says_what_the_provider_said(twilio: SignedPost) -> None:
    message = make_sent_text("SM123")

    twilio("/sms/status", {"MessageSid": "SM123", "MessageStatus": "undelivered", "ErrorCode": "30005"})

    assert (
        OutboundMessage.objects.get(pk=message.pk).last_error
        == "The provider reported the text undelivered (error 30005)."
    )


def test_an_unsigned_delivery_report_changes_nothing(twilio: SignedPost) -> None:
    message = make_sent_text("SM123")

    response = twilio("/sms/status", {"MessageSid": "SM123", "MessageStatus": "failed"}, signature="forged")

    assert response.status_code == 403
    assert OutboundMessage.objects.get(pk=message.pk).status == Status.SENT
