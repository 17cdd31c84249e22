"""Public web chat without JavaScript: start, post, check for new messages, end and wipe; bound to one session."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from pytest_django.fixtures import Settings

from waypost.accounts.models import Organisation
from waypost.conversations.models import Conversation, ConversationStatus, Message, Outcome, Sender

pytestmark = pytest.mark.django_db


def start_chat(client: Client, first_name: str = "Sam") -> Conversation:
    response = client.post("/chat/", {"first_name": first_name})
    conversation = Conversation.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == f"/chat/{conversation.public_id}/"
    return conversation


def test_the_start_page_asks_only_for_an_optional_first_name(organisation_a: Organisation) -> None:
    html = Client().get("/chat/").content.decode()

    assert "<h1>Chat with us</h1>" in html
    assert 'name="first_name"' in html
    assert html.count("<input") == 2  # the CSRF token and the first name
    assert "Exit this page" in html
    assert "Get urgent help" in html


def test_starting_a_chat_needs_no_name(organisation_a: Organisation) -> None:
    conversation = start_chat(Client(), first_name="")

    assert (conversation.first_name, conversation.channel, conversation.status) == (None, "web", "waiting")
    assert conversation.organisation == organisation_a


def test_the_person_sees_the_transcript_and_a_form(organisation_a: Organisation) -> None:
    client = Client()
    conversation = start_chat(client)

    response = client.get(f"/chat/{conversation.public_id}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "A trained person will join you here soon." in html
    assert f'action="/chat/{conversation.public_id}/messages"' in html
    assert "Check for new messages" in html
    assert "End chat and clear this screen" in html
    assert response["Cache-Control"].startswith("max-age=0, no-cache, no-store")


def test_a_message_is_numbered_and_shown(organisation_a: Organisation) -> None:
    client = Client()
    conversation = start_chat(client)

    response = client.post(f"/chat/{conversation.public_id}/messages", {"body": "I'd like to talk"})

    assert response.status_code == 302
    assert response["Location"] == f"/chat/{conversation.public_id}/#message-2"
    assert list(conversation.messages.values_list("sequence", "sender")) == [(1, "system"), (2, "person")]
    assert "I&#x27;d like to talk" in client.get(f"/chat/{conversation.public_id}/").content.decode()
    conversation.refresh_from_db()
    assert conversation.awaiting_reply_since is not None


def test_an_empty_message_shows_the_error(organisation_a: Organisation) -> None:
    client = Client()
    conversation = start_chat(client)

    response = client.post(f"/chat/{conversation.public_id}/messages", {"body": "  "})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Your chat" in html
    assert "Enter a message" in html
    assert conversation.messages.count() == 1


def test_another_session_gets_404_for_every_chat_url(organisation_a: Organisation) -> None:
    conversation = start_chat(Client())
    stranger = Client()
    base = f"/chat/{conversation.public_id}"

    responses = [
        stranger.get(f"{base}/"),
        stranger.get(f"{base}/messages.json"),
        stranger.post(f"{base}/messages", {"body": "hello"}),
        stranger.post(f"{base}/end"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]
    assert conversation.messages.count() == 1
    assert Conversation.objects.get(pk=conversation.pk).status == ConversationStatus.WAITING


def test_new_messages_come_by_number_after_the_last_one_seen(organisation_a: Organisation) -> None:
    client = Client()
    conversation = start_chat(client)
    for words in ("one", "two", "three"):
        client.post(f"/chat/{conversation.public_id}/messages", {"body": words})

    everything = client.get(f"/chat/{conversation.public_id}/messages.json").json()
    after_two = client.get(f"/chat/{conversation.public_id}/messages.json", {"after": "2"}).json()
    nonsense = client.get(f"/chat/{conversation.public_id}/messages.json", {"after": "-1"}).json()

    assert [m["sequence"] for m in everything["messages"]] == [1, 2, 3, 4]
    assert [(m["sequence"], m["who"], m["body"]) for m in after_two["messages"]] == [
        (3, "You", "two"),
        (4, "You", "three"),
    ]
    assert after_two["status"] == "waiting"
    assert len(nonsense["messages"]) == 4


def test_end_and_wipe_ends_the_chat_and_forgets_it_at_once(organisation_a: Organisation) -> None:
    client = Client()
    conversation = start_chat(client)

    response = client.post(f"/chat/{conversation.public_id}/end")

    assert response.status_code == 302
    assert response["Location"] == "/chat/ended"
    conversation.refresh_from_db()
    assert (conversation.status, conversation.outcome) == (ConversationStatus.ENDED, Outcome.ENDED_BY_PERSON)
    assert client.get(f"/chat/{conversation.public_id}/").status_code == 404
    assert "<h1>Chat with us</h1>" in client.get("/chat/").content.decode()
    assert "It has been cleared from this screen." in client.get("/chat/ended").content.decode()


def test_exit_this_page_forgets_the_chat(organisation_a: Organisation) -> None:
    client = Client()
    conversation = start_chat(client)

    client.get("/exit")

    assert client.get(f"/chat/{conversation.public_id}/").status_code == 404


def test_returning_to_the_start_page_goes_back_to_the_open_chat(organisation_a: Organisation) -> None:
    client = Client()
    conversation = start_chat(client)

    response = client.get("/chat/")

    assert response.status_code == 302
    assert response["Location"] == f"/chat/{conversation.public_id}/"


def test_a_chat_the_staff_ended_says_so_and_takes_no_more_messages(organisation_a: Organisation) -> None:
    client = Client()
    conversation = start_chat(client)
    Conversation.objects.filter(pk=conversation.pk).update(
        status=ConversationStatus.ENDED, ended_at=conversation.started_at, outcome=Outcome.SUPPORTED
    )

    html = client.get(f"/chat/{conversation.public_id}/").content.decode()
    client.post(f"/chat/{conversation.public_id}/messages", {"body": "still there?"})
    client.post("/chat/forget")

    assert "This chat has ended." in html
    assert 'name="body"' not in html
    assert not Message.objects.filter(sender=Sender.PERSON).exists()
    assert client.get(f"/chat/{conversation.public_id}/").status_code == 404


@time_machine.travel(datetime.datetime(2026, 12, 6, 12, 0, tzinfo=datetime.UTC))  # a Sunday
def test_outside_opening_hours_the_page_says_so_and_offers_other_help(
    organisation_a: Organisation, settings: Settings
) -> None:
    settings.CHAT_HOURS = "mon-fri 09:00-17:00"

    html = Client().get("/chat/").content.decode()
    Client().post("/chat/", {"first_name": "Sam"})

    assert "Chat is closed at the moment. Open Monday to Friday 09:00 to 17:00." in html
    assert 'href="/contact/"' in html
    assert "Samaritans" in html
    assert 'href="tel:999"' in html
    assert Conversation.objects.count() == 0


def test_with_nobody_to_answer_the_page_says_so(db: None) -> None:
    html = Client().get("/chat/").content.decode()

    assert "Nobody can answer a chat at the moment." in html
    assert 'href="/contact/"' in html


def test_a_chat_in_the_us_address_shows_the_us_lines_and_stays_there(
    organisation_a: Organisation, settings: Settings
) -> None:
    settings.WAYPOST_REGION, settings.WAYPOST_REGIONS = "uk", ["uk", "us"]
    client = Client()

    html = client.get("/us/chat/").content.decode()
    started = client.post("/us/chat/", {"first_name": ""})

    assert 'href="tel:911"' in html
    assert "988 Suicide &amp; Crisis Lifeline" in html
    assert "Samaritans" not in html
    assert started["Location"].startswith("/us/chat/")
