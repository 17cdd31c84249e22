"""The one way staff code reads a conversation: scoped to the organisations the user works for.

One condition per line. A conversation outside the user's organisations is a 404, exactly like one that does not
exist, so nothing leaks about it (as triage/access.py does for contact requests).
"""

from __future__ import annotations

import uuid

from django.http import Http404

from waypost.accounts.access import organisation_ids_for
from waypost.accounts.models import User
from waypost.conversations.models import Conversation, ConversationQuerySet, Message


def get_conversation_for_staff(user: User, public_id: uuid.UUID) -> Conversation:
    conversation = Conversation.objects.select_related("claimed_by").filter(public_id=public_id).first()
    if conversation is None:
        raise Http404("No such conversation")
    if conversation.organisation_id not in organisation_ids_for(user):
        raise Http404("No such conversation")
    return conversation


def conversations_for_staff(user: User) -> ConversationQuerySet:
    return Conversation.objects.for_organisations(organisation_ids_for(user))


def get_conversation_for_person(public_id: uuid.UUID, session_conversation: str | None) -> Conversation:
    """The person's own chat: only the browser session that started it may read it; any other gets a 404."""
    if session_conversation != str(public_id):
        raise Http404("No such chat")
    conversation = Conversation.objects.filter(public_id=public_id).first()
    if conversation is None:
        raise Http404("No such chat")
    return conversation


def messages_after(conversation: Conversation, sequence: int) -> list[Message]:
    return list(conversation.messages.filter(sequence__gt=sequence).order_by("sequence"))
