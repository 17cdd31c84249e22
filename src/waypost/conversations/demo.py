"""A fictional text conversation and a web chat, so the demo's staff inbox has something in it."""

from __future__ import annotations

from waypost.conversations.services import InboundText, has_conversations, receive_text, start_web_chat

# From Ofcom's range for drama (07700 900000 to 900999): never a real person's phone
DEMO_PHONE = "+447700900077"


def load() -> str:
    if has_conversations():
        return "conversations already present"
    receive_text(InboundText(phone=DEMO_PHONE, body="Fictional demo text: hello, is anyone there?"))
    start_web_chat(first_name="Demo Robin", first_message="Fictional demo chat: can I talk to someone?")
    return "a fictional text conversation and a web chat in the demo inbox"
