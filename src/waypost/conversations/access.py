"""The one way staff code reads a conversation: scoped to the organisations the user works for.

One condition per line. A conversation outside the user's organisations is a 404, exactly like one that does not
exist, so nothing leaks about it (as triage/access.py does for contact requests).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import F, QuerySet
from django.http import Http404

from waypost.accounts.access import is_organisation_admin, organisation_ids_for, supervised_organisation_ids
from waypost.accounts.models import User
from waypost.conversations.models import CannedReply, Conversation, ConversationQuerySet, ConversationStatus, Message
from waypost.triage.access import requests_in_organisation


def get_conversation_for_staff(user: User, public_id: uuid.UUID) -> Conversation:
    conversation = (
        Conversation.objects.select_related("claimed_by", "contact_request").filter(public_id=public_id).first()
    )
    if conversation is None:
        raise Http404("No such conversation")
    if conversation.organisation_id not in organisation_ids_for(user):
        raise Http404("No such conversation")
    return conversation


def get_conversation_for_organisation_admin(user: User, public_id: uuid.UUID) -> Conversation:
    """Erasing is for organisation admins only, as for contact requests (triage's erase)."""
    conversation = get_conversation_for_staff(user, public_id)
    if not is_organisation_admin(user, conversation.organisation_id):
        raise PermissionDenied("Only organisation admins may do this")
    return conversation


def conversations_for_staff(user: User) -> ConversationQuerySet:
    return Conversation.objects.for_organisations(organisation_ids_for(user))


def waiting_conversations(user: User) -> list[Conversation]:
    """Waiting to be taken: red flags first, then the longest waiting."""
    waiting = conversations_for_staff(user).filter(status=ConversationStatus.WAITING)
    return list(waiting.select_related("claimed_by").order_by("-has_red_flag", "started_at", "pk"))


def active_conversations(user: User) -> list[Conversation]:
    """Taken and still open: red flags first, then the longest unanswered, then the answered ones."""
    active = conversations_for_staff(user).filter(status=ConversationStatus.ACTIVE)
    unanswered_first = F("awaiting_reply_since").asc(nulls_last=True)
    return list(active.select_related("claimed_by").order_by("-has_red_flag", unanswered_first, "started_at", "pk"))


def colleagues_for_transfer(conversation: Conversation) -> QuerySet[User]:
    """Everyone in the conversation's organisation but the person holding it, by name (as triage's reassign)."""
    team = User.objects.filter(memberships__organisation_id=conversation.organisation_id, is_active=True)
    return team.exclude(pk=conversation.claimed_by_id or 0).order_by("first_name", "last_name", "username")


def conversations_made_into(user: User, contact_request_id: int) -> list[Conversation]:
    """The conversations a request was made from, for the link back on the request's page."""
    made_into = conversations_for_staff(user).filter(contact_request_id=contact_request_id)
    return list(made_into.order_by("started_at", "pk"))


def requests_from_same_number(user: User, conversation: Conversation) -> list[str]:
    """References of the user's organisation's requests with the same phone number, matched by keyed hash."""
    if not conversation.phone_hash:
        return []
    same_number = requests_in_organisation(user, conversation.organisation_id).filter(
        phone_hash=conversation.phone_hash
    )
    return list(same_number.order_by("-created_at").values_list("reference", flat=True)[:5])


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


def canned_replies_for(conversation: Conversation) -> QuerySet[CannedReply]:
    """The replies of the conversation's organisation only: the caller has already been scoped to the conversation."""
    return CannedReply.objects.filter(organisation_id=conversation.organisation_id).order_by("title", "pk")


def canned_replies_of(organisation_id: int) -> list[CannedReply]:
    """For the supervisor's page; the caller has checked they supervise the organisation."""
    return list(CannedReply.objects.filter(organisation_id=organisation_id).order_by("title", "pk"))


def get_canned_reply_for_supervisor(user: User, pk: int) -> CannedReply:
    """A reply of an organisation the user supervises; any other is a 404 (nothing leaks about it)."""
    reply = CannedReply.objects.filter(pk=pk).first()
    if reply is None:
        raise Http404("No such reply")
    if reply.organisation_id not in supervised_organisation_ids(user):
        raise Http404("No such reply")
    return reply


def latest_message_number(public_id: str) -> int:
    """The newest message's number only (no words), for an event stream its view has already authorised."""
    return Conversation.objects.filter(public_id=public_id).values_list("last_sequence", flat=True).first() or 0


def is_watching(user: User, conversation: Conversation) -> bool:
    """Whether this supervisor watches: the note that told the person is the record of it."""
    return Message.objects.filter(conversation=conversation, sender="system", author=user).exists()
