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
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from waypost.accounts.access import can_supervise, is_organisation_admin, signed_in_staff, staff_required
from waypost.accounts.models import User
from waypost.conversations import services
from waypost.conversations.access import (
    active_conversations,
    canned_replies_for,
    canned_replies_of,
    colleagues_for_transfer,
    get_canned_reply_for_supervisor,
    get_conversation_for_organisation_admin,
    get_conversation_for_staff,
    is_watching,
    messages_after,
    requests_from_same_number,
    waiting_conversations,
)
from waypost.conversations.forms import (
    CannedReplyForm,
    ContactRequestForm,
    EndForm,
    ReplyForm,
    TransferForm,
    UseCannedReplyForm,
)
from waypost.conversations.models import Channel, Conversation, Outcome
from waypost.conversations.presenters import inbox_rows, language_name, staff_transcript, started_words
from waypost.core.not_cached import never_cache
from waypost.core.security_headers import sends_origin_on_forms
from waypost.notifications.errors import RevealingWordingError
from waypost.triage.access import supervised_organisation

NOTICES = {
    "taken": _("You have taken this conversation. Reply below."),
    "already-taken": _("Someone else has already taken this conversation."),
    "ended": _("The conversation has ended."),
    "closed": _("This conversation has already ended."),
    "not-yours": _("Take the conversation before replying."),
    "transferred": _("The conversation was given to your colleague. The person has been told."),
    "transfer-refused": _("Only the person who took this conversation, or a supervisor, can do that."),
    "not-taken": _("Only a taken, open conversation can be given to someone else."),
    "reply-added": _("The saved reply was added."),
    "request-made": _("A contact request was made from this conversation. It is in the requests queue."),
    "erased": _("The conversation was erased. Only the reference and dates are kept."),
    "request-exists": _("A contact request was already made from this conversation, or it was erased."),
    "reply-removed": _("The saved reply was removed."),
    "watching": _("You are watching this conversation. The person has been told that a supervisor is reading."),
    "watch-refused": _("Only a supervisor of this organisation who is not answering it can watch it."),
}
REVEALING_REPLY = _("This reply has words that could show what it is about on a locked phone: choose another")


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
        "language": language_name(conversation.language),
        "transcript": staff_transcript(conversation, messages_after(conversation, 0)),
        "is_mine": conversation.claimed_by_id == user.pk,
        "is_sms": conversation.channel == Channel.SMS,
        "same_number_requests": requests_from_same_number(user, conversation),
        "reply_form": forms.get("reply_form", ReplyForm()),
        "end_form": forms.get("end_form", EndForm()),
        "can_transfer": services.may_act_for(user, conversation),
        **watch_context(user, conversation),
        "can_erase": is_organisation_admin(user, conversation.organisation_id) and conversation.erased_at is None,
        "request_form": forms.get("request_form") or ContactRequestForm(),
        "transfer_form": forms.get("transfer_form") or TransferForm(team=colleagues_for_transfer(conversation)),
        "use_reply_form": forms.get("use_reply_form") or UseCannedReplyForm(replies=canned_replies_for(conversation)),
    }


def watch_context(user: User, conversation: Conversation) -> dict[str, bool]:
    can_watch = can_supervise(user, conversation.organisation_id) and conversation.claimed_by_id != user.pk
    # The page shows "You are watching" only to someone who may watch: nobody else costs the query
    return {"can_watch": can_watch, "is_watching": can_watch and is_watching(user, conversation)}


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
            form.add_error("body", _("A text can show on a locked phone: leave out words that reveal what it is about"))
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


@never_cache
@staff_required
@sends_origin_on_forms
@require_POST
def use_canned_reply(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Without JavaScript: the page again with the saved reply in the reply box, to edit and send."""
    user = signed_in_staff(request)
    found = get_conversation_for_staff(user, public_id)
    if found.claimed_by_id != user.pk or not found.is_open:
        return back_to(found, "not-yours")
    form = UseCannedReplyForm(request.POST, replies=canned_replies_for(found))
    if not form.is_valid():
        return show(request, found, use_reply_form=form)
    text = form.cleaned_data["reply"].text
    if found.channel == Channel.SMS and not services.fits_a_text(text):
        form.add_error("reply", REVEALING_REPLY)
        return show(request, found, use_reply_form=form)
    return show(request, found, reply_form=ReplyForm(initial={"body": text}))


@never_cache
@staff_required
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def canned_replies(request: HttpRequest) -> HttpResponse:
    """A supervisor's list of their organisation's saved replies, with a form to add one."""
    organisation = supervised_organisation(request)
    form = CannedReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.add_canned_reply(
            organisation=organisation, title=form.cleaned_data["title"], text=form.cleaned_data["text"]
        )
        return redirect(f"{request.path}?organisation={organisation.slug}&notice=reply-added")
    context = {
        "organisation": organisation,
        "replies": canned_replies_of(organisation.pk),
        "form": form,
        "notice": NOTICES.get(request.GET.get("notice", ""), ""),
    }
    return render(request, "conversations/canned_replies.html", context)


@never_cache
@staff_required
@sends_origin_on_forms
@require_POST
def remove_canned_reply(request: HttpRequest, pk: int) -> HttpResponse:
    reply = get_canned_reply_for_supervisor(signed_in_staff(request), pk)
    services.remove_canned_reply(reply=reply)
    return redirect(f"{reverse('conversations:canned_replies')}?notice=reply-removed")


@never_cache
@staff_required
@sends_origin_on_forms
@require_POST
def make_contact_request(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in_staff(request)
    found = get_conversation_for_staff(user, public_id)
    form = ContactRequestForm(request.POST)
    if not form.is_valid():
        return show(request, found, request_form=form)
    try:
        services.make_contact_request(
            actor=user,
            conversation=found,
            summary=form.cleaned_data["summary"],
            phone=form.cleaned_data["phone"],
            page=request.path,
        )
    except services.TransferNotAllowed:
        return back_to(found, "transfer-refused")
    except services.ConversationConflict:
        return back_to(found, "request-exists")
    return back_to(found, "request-made")


@never_cache
@staff_required
@sends_origin_on_forms
@require_POST
def erase(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in_staff(request)
    found = get_conversation_for_organisation_admin(user, public_id)
    services.erase_conversation(actor=user, conversation=found, page=request.path)
    return back_to(found, "erased")


@never_cache
@staff_required
@sends_origin_on_forms
@require_POST
def watch(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in_staff(request)
    found = get_conversation_for_staff(user, public_id)
    try:
        services.watch_conversation(actor=user, conversation=found, page=request.path)
    except services.WatchNotAllowed:
        return back_to(found, "watch-refused")
    except services.ConversationConflict:
        return back_to(found, "closed")
    return back_to(found, "watching")
