"""The staff inbox for conversations: waiting and taken chats and texts, one conversation, take, reply and end.

Same sign-in, roles and organisation scoping as the rest of the console (conversations/access.py); every page that
shows a conversation's words is written to the audit log.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from waypost.accounts.access import can_supervise, signed_in_staff, staff_required
from waypost.conversations import services
from waypost.conversations.access import (
    active_conversations,
    colleagues_for_transfer,
    get_conversation_for_staff,
    messages_after,
    requests_from_same_number,
    waiting_conversations,
)
from waypost.conversations.forms import EndForm, ReplyForm, TransferForm
from waypost.conversations.models import Channel, Conversation, Outcome
from waypost.conversations.presenters import inbox_rows, staff_transcript, started_words
from waypost.core.security_headers import sends_origin_on_forms
from waypost.notifications.errors import RevealingWordingError

NOTICES = {
    "taken": "You have taken this conversation. Reply below.",
    "already-taken": "Someone else has already taken this conversation.",
    "ended": "The conversation has ended.",
    "closed": "This conversation has already ended.",
    "not-yours": "Take the conversation before replying.",
    "transferred": "The conversation was given to your colleague. The person has been told.",
    "transfer-refused": "Only the person who took this conversation, or a supervisor, can transfer it.",
    "not-taken": "Only a taken, open conversation can be given to someone else.",
}


@never_cache
@staff_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    user, now = signed_in_staff(request), timezone.now()
    context = {
        "waiting": inbox_rows(waiting_conversations(user), now),
        "active": inbox_rows(active_conversations(user), now),
    }
    return render(request, "conversations/inbox.html", context)


@never_cache
@staff_required
@sends_origin_on_forms
@require_safe
def conversation(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in_staff(request)
    return show(request, get_conversation_for_staff(user, public_id))


def show(request: HttpRequest, conversation: Conversation, **forms: Any) -> HttpResponse:
    """The conversation page, recorded in the audit log each time its words are shown."""
    services.record_conversation_viewed(actor=signed_in_staff(request), conversation=conversation, page=request.path)
    return render(request, "conversations/conversation.html", detail_context(request, conversation, **forms))


def detail_context(request: HttpRequest, conversation: Conversation, **forms: Any) -> dict[str, Any]:
    user = signed_in_staff(request)
    return {
        "item": conversation,
        "notice": NOTICES.get(request.GET.get("notice", ""), ""),
        "started": started_words(conversation),
        "transcript": staff_transcript(conversation, messages_after(conversation, 0)),
        "is_mine": conversation.claimed_by_id == user.pk,
        "is_sms": conversation.channel == Channel.SMS,
        "same_number_requests": requests_from_same_number(user, conversation),
        "reply_form": forms.get("reply_form", ReplyForm()),
        "end_form": forms.get("end_form", EndForm()),
        "can_transfer": conversation.claimed_by_id == user.pk or can_supervise(user, conversation.organisation_id),
        "transfer_form": forms.get("transfer_form") or TransferForm(team=colleagues_for_transfer(conversation)),
    }


def back_to(conversation: Conversation, notice: str) -> HttpResponse:
    return redirect(f"{reverse('conversations:conversation', args=[conversation.public_id])}?notice={notice}")


@never_cache
@staff_required
@sends_origin_on_forms
@require_POST
def claim(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in_staff(request)
    found = get_conversation_for_staff(user, public_id)
    try:
        services.claim_conversation(actor=user, conversation=found, page=request.path)
    except services.ConversationConflict:
        return back_to(found, "already-taken")
    return back_to(found, "taken")


@never_cache
@staff_required
@sends_origin_on_forms
@require_POST
def reply(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in_staff(request)
    found = get_conversation_for_staff(user, public_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_as_staff(actor=user, conversation=found, body=form.cleaned_data["body"], page=request.path)
        except services.ConversationClosed:
            return back_to(found, "closed")
        except services.ConversationConflict:
            return back_to(found, "not-yours")
        except RevealingWordingError:
            form.add_error("body", "A text can show on a locked phone: leave out words that reveal what it is about")
        else:
            return redirect(reverse("conversations:conversation", args=[found.public_id]) + "#reply")
    return show(request, found, reply_form=form)


@never_cache
@staff_required
@sends_origin_on_forms
@require_POST
def end(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in_staff(request)
    found = get_conversation_for_staff(user, public_id)
    form = EndForm(request.POST)
    if not form.is_valid():
        return show(request, found, end_form=form)
    try:
        services.end_conversation(
            actor=user, conversation=found, outcome=Outcome(form.cleaned_data["outcome"]), page=request.path
        )
    except services.ConversationClosed:
        return back_to(found, "closed")
    return back_to(found, "ended")


@never_cache
@staff_required
@sends_origin_on_forms
@require_POST
def transfer(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in_staff(request)
    found = get_conversation_for_staff(user, public_id)
    form = TransferForm(request.POST, team=colleagues_for_transfer(found))
    if not form.is_valid():
        return show(request, found, transfer_form=form)
    try:
        services.transfer_conversation(
            actor=user, conversation=found, colleague=form.cleaned_data["colleague"], page=request.path
        )
    except services.TransferNotAllowed:
        return back_to(found, "transfer-refused")
    except services.ConversationConflict:
        return back_to(found, "not-taken")
    return back_to(found, "transferred")
