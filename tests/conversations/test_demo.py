"""`waypost demo` shows a fictional text conversation and a web chat in the staff inbox, once."""

from __future__ import annotations

import pytest

from waypost.accounts.models import Organisation
from waypost.conversations import demo
from waypost.conversations.models import Channel, Conversation
from waypost.notifications.models import OutboundMessage

pytestmark = pytest.mark.django_db


def test_loads_one_text_conversation_and_one_chat_once(organisation_a: Organisation) -> None:
    first = demo.load()
    second = demo.load()

    assert first == "a fictional text conversation and a web chat in the demo inbox"
    assert second == "conversations already present"
    assert sorted(Conversation.objects.values_list("channel", flat=True)) == [Channel.SMS, Channel.WEB]
    assert OutboundMessage.objects.get().recipient == demo.DEMO_PHONE
    assert demo.DEMO_PHONE.startswith("+447700900")
