"""Display text for transcripts and the staff inbox, so templates hold only `if` and `for`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from waypost.conversations import rules
from waypost.conversations.models import Conversation, Message, Sender
from waypost.conversations.push import CarriedMessage, carried
from waypost.triage.times import time_with_zone


@dataclass(frozen=True)
class TranscriptLine:
    sequence: int
    sender: str
    who: str
    body: str
    time: str

    def as_json(self) -> dict[str, object]:
        return {"sequence": self.sequence, "sender": self.sender, "who": self.who, "body": self.body, "time": self.time}


def person_transcript(messages: list[Message]) -> list[TranscriptLine]:
    """As the person reads it: "You", the staff member's first name, or the service's automatic notes."""
    return [person_line(message.sequence, carried(message)) for message in messages]


def person_line(sequence: int, content: CarriedMessage) -> TranscriptLine:
    """One message as the person reads it, stored or carried by a push notification (ADR 0049)."""
    return line(sequence, content, person_word=_("You"), staff_word=_("Support worker"))


def staff_transcript(conversation: Conversation, messages: list[Message]) -> list[TranscriptLine]:
    person = conversation.first_name or _("The person")
    return [line(message.sequence, carried(message), person_word=person, staff_word=_("Staff")) for message in messages]


def line(sequence: int, content: CarriedMessage, *, person_word: str, staff_word: str) -> TranscriptLine:
    if content.sender == Sender.PERSON:
        who = person_word
    elif content.sender == Sender.STAFF:
        who = content.author_first_name or staff_word
    else:
        who = settings.SITE_NAME
    return TranscriptLine(sequence, content.sender, who, content.body, clock_time(content.created_at))


def clock_time(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M}"


@dataclass(frozen=True)
class InboxRow:
    public_id: str
    reference: str
    channel: str
    status: str
    who: str
    waiting: str
    is_overdue: bool
    has_red_flag: bool
    claimed_by: str
    language: str


def inbox_rows(conversations: list[Conversation], now: datetime.datetime) -> list[InboxRow]:
    return [inbox_row(conversation, now) for conversation in conversations]


def inbox_row(conversation: Conversation, now: datetime.datetime) -> InboxRow:
    return InboxRow(
        public_id=str(conversation.public_id),
        reference=conversation.reference,
        channel=conversation.get_channel_display(),
        status=conversation.get_status_display(),
        who=conversation.first_name or _("No name given"),
        waiting=waiting_words(conversation.awaiting_reply_since, now),
        is_overdue=rules.is_overdue(conversation.awaiting_reply_since, now, settings.CHAT_REPLY_TARGET_SECONDS),
        has_red_flag=conversation.has_red_flag,
        claimed_by=conversation.claimed_by.get_username() if conversation.claimed_by else "",
        language=language_name(conversation.language),
    )


LANGUAGE_NAMES = {"es": gettext_lazy("Spanish")}


def language_name(language: str) -> str:
    """The language a web chat started in, for staff; empty for the default, so English pages are unchanged."""
    return str(LANGUAGE_NAMES.get(language, ""))


def waiting_words(since: datetime.datetime | None, now: datetime.datetime) -> str:
    if since is None:
        return _("Answered")
    seconds = max(int((now - since).total_seconds()), 0)
    if seconds < 60:
        return _("%(seconds)s seconds") % {"seconds": seconds}
    minutes = seconds // 60
    return ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {"minutes": minutes}


def started_words(conversation: Conversation) -> str:
    return time_with_zone(conversation.started_at)
