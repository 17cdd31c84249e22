"""Messages posted at the same moment by the person and the worker get distinct, gapless numbers (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from waypost.accounts.models import Organisation
from waypost.conversations.models import Conversation
from waypost.conversations.services import post_person_message, start_web_chat

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]
POSTS_PER_THREAD = 15


def post_many(conversation: Conversation, label: str, errors: list[BaseException]) -> None:
    try:
        for number in range(POSTS_PER_THREAD):
            post_person_message(conversation=Conversation.objects.get(pk=conversation.pk), body=f"{label} {number}")
    except BaseException as error:  # reported by the test, which cannot see a thread's exception
        errors.append(error)
    finally:
        connections.close_all()


def test_simultaneous_posts_are_numbered_once_each_without_gaps(organisation_a: Organisation) -> None:
    conversation = start_web_chat(first_name="")
    errors: list[BaseException] = []
    threads = [threading.Thread(target=post_many, args=(conversation, label, errors)) for label in ("a", "b", "c")]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    numbers = list(conversation.messages.order_by("sequence").values_list("sequence", flat=True))
    assert numbers == list(range(1, 3 * POSTS_PER_THREAD + 2))
    assert Conversation.objects.get(pk=conversation.pk).last_sequence == 3 * POSTS_PER_THREAD + 1
