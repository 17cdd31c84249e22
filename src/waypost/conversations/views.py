"""Public web chat, fully usable without JavaScript: a transcript, a message form and "Check for new messages".

The chat is bound to the browser's (encrypted, signed) session: its id is kept there, and any other session asking
for it gets a 404. "End and wipe" and "Exit this page" both remove it from the session at once.
"""

from __future__ import annotations

import uuid

from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from waypost.conversations import hours, push, stream
from waypost.conversations.access import get_conversation_for_person, messages_after
from waypost.conversations.forms import MessageForm, StartChatForm
from waypost.conversations.models import Conversation
from waypost.conversations.presenters import person_transcript
from waypost.conversations.services import (
    ConversationClosed,
    end_chat_by_person,
    post_person_message,
    public_organisation,
    start_web_chat,
)
from waypost.core.helplines import crisis_lines, emergency_line
from waypost.core.not_cached import never_cache
from waypost.core.regions import current_region
from waypost.core.security_headers import sends_origin_on_forms
from waypost.intake import drafts, journey
from waypost.intake.forms import HelpForm

CHAT_SESSION_KEY = "chat_conversation"


def session_chat(request: HttpRequest) -> str | None:
    value = request.session.get(CHAT_SESSION_KEY)
    return value if isinstance(value, str) else None


def own_chat(request: HttpRequest, public_id: uuid.UUID) -> Conversation:
    return get_conversation_for_person(public_id, session_chat(request))


def help_lines_context() -> dict[str, object]:
    # The region in the address (/us/chat/), as on every public page (ADR 0042, H-063)
    region = current_region()
    return {"emergency": emergency_line(region), "crisis_lines": crisis_lines(region), "hours": hours.hours_in_words()}


@never_cache
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    current = session_chat(request)
    if current:
        return redirect("conversations:chat", current)
    is_open, has_team = hours.is_open_now(), public_organisation() is not None
    if not (is_open and has_team):
        return closed_page(request, HelpForm(), is_open=is_open)
    form = StartChatForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        conversation = start_web_chat(first_name=form.cleaned_data["first_name"])
        request.session[CHAT_SESSION_KEY] = str(conversation.public_id)
        return redirect("conversations:chat", conversation.public_id)
    return render(request, "conversations/start.html", {"form": form, **help_lines_context()})


def closed_page(request: HttpRequest, form: HelpForm, *, is_open: bool) -> HttpResponse:
    context = {**help_lines_context(), "is_open": is_open, "form": form}
    return render(request, "conversations/closed.html", context, status=400 if form.errors else 200)


@never_cache
@sends_origin_on_forms
@require_POST
def contact_instead(request: HttpRequest) -> HttpResponse:
    """From the page that says chat is not available: what the person wrote goes with them into a contact request,
    which they finish and send themselves. Nothing is stored unless they go on (the draft's 30 minutes)."""
    form = HelpForm(request.POST)
    if not form.is_valid():
        return closed_page(request, form, is_open=hours.is_open_now())
    message = form.cleaned_data["help_with"]
    if message:
        drafts.save_draft(request, journey.carrying_message(drafts.load_draft(request), message))
    return redirect("intake:start")


@never_cache
@sends_origin_on_forms
@require_safe
def chat(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return chat_page(request, own_chat(request, public_id), MessageForm())


def chat_page(request: HttpRequest, conversation: Conversation, form: MessageForm) -> HttpResponse:
    transcript = person_transcript(messages_after(conversation, 0))
    context = {
        "conversation": conversation,
        "transcript": transcript,
        "last_sequence": transcript[-1].sequence if transcript else 0,
        "form": form,
        "messages_url": reverse("conversations:messages_json", args=[conversation.public_id]),
        "events_url": events_url(conversation) if stream.is_push_configured() else "",
        **help_lines_context(),
    }
    return render(request, "conversations/chat.html", context)


@never_cache
@sends_origin_on_forms
@require_POST
def send(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    conversation = own_chat(request, public_id)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return chat_page(request, conversation, form)
    try:
        message = post_person_message(conversation=conversation, body=form.cleaned_data["body"])
    except ConversationClosed:
        return redirect("conversations:chat", public_id)
    return redirect(reverse("conversations:chat", args=[public_id]) + f"#message-{message.sequence}")


@never_cache
@require_safe
def messages_json(request: HttpRequest, public_id: uuid.UUID) -> JsonResponse:
    """The messages numbered after `?after=N`: a browser that reconnects asks from its last one, so none is lost."""
    conversation = own_chat(request, public_id)
    after = sequence_from(request.GET.get("after", "0"))
    lines = person_transcript(messages_after(conversation, after))
    return JsonResponse({"status": conversation.status, "messages": [line.as_json() for line in lines]})


def sequence_from(text: str) -> int:
    return int(text) if text.isdigit() else 0


def events_url(conversation: Conversation) -> str:
    return reverse("conversations:events", args=[conversation.public_id])


@never_cache
@require_safe
async def events(request: HttpRequest, public_id: uuid.UUID) -> StreamingHttpResponse:
    """Server-sent events: each new message (or "message N is there"), for `waypost stream` behind the proxy."""
    # An app server's threads must not be held by a stream; there, the browser keeps asking by number instead
    if not (isinstance(request, ASGIRequest) and stream.is_push_configured() and push.can_push()):
        raise Http404
    conversation = await stream.read_on_shared_threads(own_chat)(request, public_id)
    last_seen = sequence_from(request.headers.get("Last-Event-ID", request.GET.get("after", "0")))
    language = translation.get_language() or conversation.language  # the page's, for "You" and the like
    announcements = stream.event_stream(str(conversation.public_id), last_seen, language)
    response = StreamingHttpResponse(announcements, content_type="text/event-stream")
    response["X-Accel-Buffering"] = "no"  # nginx passes each event on at once
    return response


@never_cache
@sends_origin_on_forms
@require_POST
def end(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    end_chat_by_person(conversation=own_chat(request, public_id))
    request.session.pop(CHAT_SESSION_KEY, None)
    return redirect("conversations:ended")


@never_cache
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def forget(request: HttpRequest) -> HttpResponse:
    """After a chat has ended: clear it from this browser and start again."""
    if request.method == "POST":
        request.session.pop(CHAT_SESSION_KEY, None)
    return redirect("conversations:start")


@never_cache
@require_safe
def ended(request: HttpRequest) -> HttpResponse:
    return render(request, "conversations/ended.html", help_lines_context())
