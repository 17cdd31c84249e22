"""The next message number in one statement (conversations/numbering.py) does what the ORM's steps did: numbers in
order, none for a chat that has ended, and the "awaiting a reply" clock started only when it is not running."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conversations.test_chat import start_chat
from waypost.accounts.models import Organisation
from waypost.conversations.models import Conversation, ConversationStatus, Message
from waypost.conversations.numbering import take_next_number
from waypost.conversations.services import ConversationClosed, post_person_message

pytestmark = pytest.mark.django_db
MOMENT = datetime.datetime(2026, 12, 1, 22, 0, tzinfo=datetime.UTC)


def test_numbers_follow_each_other_after_the_welcome(organisation_a: Organisation) -> None:
    conversation = start_chat(Client())

    assert [take_next_number(conversation.pk) for _ in range(3)] == [2, 3, 4]
    assert Conversation.objects.get(pk=conversation.pk).last_sequence == 4


def test_an_ended_chat_gets_no_number_and_nothing_changes(organisation_a: Organisation) -> None:
    conversation = start_chat(Client())
    Conversation.objects.filter(pk=conversation.pk).update(status=ConversationStatus.ENDED, ended_at=MOMENT)

    assert take_next_number(conversation.pk, only_if_open=True, clock_from=MOMENT) is None
    stored = Conversation.objects.get(pk=conversation.pk)
    assert (stored.last_sequence, stored.awaiting_reply_since) == (1, None)
    with pytest.raises(ConversationClosed):
        post_person_message(conversation=conversation, body="Hello?")
    assert Message.objects.filter(conversation=conversation).count() == 1


@pytest.mark.parametrize("status", [ConversationStatus.WAITING, ConversationStatus.ACTIVE])
def test_an_open_chat_gets_its_number_and_the_clock_starts_once(
    organisation_a: Organisation, status: ConversationStatus
) -> None:
    conversation = start_chat(Client())
    Conversation.objects.filter(pk=conversation.pk).update(status=status, awaiting_reply_since=None)

    first = take_next_number(conversation.pk, only_if_open=True, clock_from=MOMENT)
    second = take_next_number(conversation.pk, only_if_open=True, clock_from=MOMENT + datetime.timedelta(minutes=5))

    assert (first, second) == (2, 3)
    assert Conversation.objects.get(pk=conversation.pk).awaiting_reply_since == MOMENT


def test_a_persons_post_stores_the_message_with_its_number_and_starts_the_clock(organisation_a: Organisation) -> None:
    conversation = start_chat(Client())
    before = timezone.now()

    message = post_person_message(conversation=conversation, body="  Are you there?  ")

    stored = Conversation.objects.get(pk=conversation.pk)
    assert (message.sequence, message.body, conversation.last_sequence, stored.last_sequence) == (
        2,
        "Are you there?",
        2,
        2,
    )
    assert stored.awaiting_reply_since == message.created_at
    assert stored.awaiting_reply_since is not None
    assert stored.awaiting_reply_since >= before


def test_a_persons_post_asks_the_database_twice(organisation_a: Organisation) -> None:
    conversation = start_chat(Client())

    with CaptureQueriesContext(connection) as queries:
        post_person_message(conversation=conversation, body="Hello")

    statements = [query["sql"] for query in queries.captured_queries if not is_transaction_control(query["sql"])]
    expected = 3 if connection.vendor == "postgresql" else 2  # and PostgreSQL's NOTIFY
    assert len(statements) == expected, statements


def is_transaction_control(sql: str) -> bool:
    return sql.split(" ", 1)[0].upper() in {"BEGIN", "COMMIT", "SAVEPOINT", "RELEASE", "ROLLBACK"}
