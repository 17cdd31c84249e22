"""Writes for conversations: start, post, take, reply, end, and the SMS keywords. Each in one transaction.

Texts to the person leave through the outbox in the same transaction (notifications.services.queue_message), so
they are retried, recorded and withheld from numbers that texted STOP like every other SMS (H-071).
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from waypost.accounts.access import can_supervise
from waypost.accounts.models import Membership, Organisation, User
from waypost.conversations import hours, numbering, push
from waypost.conversations.access import is_watching
from waypost.conversations.models import (
    STAFF_OUTCOMES,
    CannedReply,
    Channel,
    Conversation,
    ConversationStatus,
    Message,
    Outcome,
    Sender,
    SmsOptOut,
)
from waypost.conversations.opt_outs import phone_hash
from waypost.conversations.rules import Keyword, parse_keyword
from waypost.core.audit import AuditAction, AuditEvent
from waypost.core.helplines import crisis_lines, emergency_line
from waypost.core.regions import current_language
from waypost.core.urgent import configured_region
from waypost.intake.choices import BestTime, ContactMethod, ForWhom, Source
from waypost.intake.details import ContactDetails
from waypost.intake.models import ContactRequest
from waypost.intake.references import ALPHABET
from waypost.intake.services import submit_contact_request
from waypost.notifications.models import Channel as OutboxChannel
from waypost.notifications.models import OutboundMessage, Status
from waypost.notifications.rendering import REVEALING_WORDS
from waypost.notifications.services import erase_messages_about, queue_message

MESSAGE_MAX_LENGTH = 2000  # a long chat message; a text longer than this arrives from the provider in parts
FIRST_NAME_MAX_LENGTH = 40


class ConversationConflict(Exception):
    """Someone else changed the conversation first; the message says what happened."""


class ConversationClosed(ConversationConflict):
    """The conversation has ended: nothing more can be added."""


class TransferNotAllowed(Exception):
    """Only the person holding a conversation, or a supervisor of its organisation, may give it to someone else."""


class NoOrganisationForConversations(Exception):
    """No organisation receives the public's requests, so nobody would see a conversation."""


def has_conversations() -> bool:
    return Conversation.objects.exists()


def public_organisation() -> Organisation | None:
    """Conversations go to the team that receives the public's contact requests (intake_organisation)."""
    return Organisation.objects.filter(receives_public_requests=True).order_by("pk").first()


def new_reference() -> str:
    return "C-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


def start_web_chat(*, first_name: str, first_message: str = "") -> Conversation:
    """An anonymous chat in the language of the address it started from; an optional first name is all that is asked
    (ADR 0039, ADR 0048)."""
    organisation = public_organisation()
    if organisation is None:
        raise NoOrganisationForConversations("No organisation receives the public's conversations.")
    with transaction.atomic():
        conversation = Conversation.objects.create(
            reference=new_reference(),
            channel=Channel.WEB,
            organisation=organisation,
            first_name=first_name.strip()[:FIRST_NAME_MAX_LENGTH] or None,
            started_at=timezone.now(),
            language=current_language(),
        )
        add_system_message(conversation, web_welcome)
        if first_message.strip():
            post_person_message(conversation=conversation, body=first_message)
    return conversation


def web_welcome() -> str:
    return _(
        "Welcome to %(site_name)s. A trained person will join you here soon. "
        "If you are in danger now, use Urgent help at the top of the page."
    ) % {"site_name": settings.SITE_NAME}


def add_system_message(conversation: Conversation, words: Callable[[], str], *, author: User | None = None) -> Message:
    """An automatic note, worded in the conversation's language: the person reads it in their transcript."""
    with translation.override(conversation.language):
        return add_message(conversation, sender=Sender.SYSTEM, body=words(), author=author)


def add_message(conversation: Conversation, *, sender: Sender, body: str, author: User | None = None) -> Message:
    """The next number, taken by one UPDATE: two posts at once get two numbers, never one."""
    number = numbering.take_next_number(conversation.pk)
    if number is None:  # without the open test, only a conversation that is gone has no row to number
        raise Conversation.DoesNotExist(f"Conversation {conversation.pk} no longer exists.")
    return store_message(conversation, number, sender=sender, body=body, author=author, created_at=timezone.now())


def store_message(
    conversation: Conversation,
    number: int,
    *,
    sender: Sender,
    body: str,
    created_at: datetime.datetime,
    author: User | None = None,
) -> Message:
    conversation.last_sequence = number
    message = Message.objects.create(
        conversation=conversation, sequence=number, sender=sender, author=author, body=body, created_at=created_at
    )
    push.announce_message(str(conversation.public_id), message)
    return message


def post_person_message(*, conversation: Conversation, body: str) -> Message:
    text = body.strip()[:MESSAGE_MAX_LENGTH]
    now = timezone.now()
    with transaction.atomic():
        # Open or not, the number, and the "overdue" clock from the first unanswered message, in one statement
        number = numbering.take_next_number(conversation.pk, only_if_open=True, clock_from=now)
        if number is None:
            raise ConversationClosed("This chat has ended.")
        return store_message(conversation, number, sender=Sender.PERSON, body=text, created_at=now)


def end_chat_by_person(*, conversation: Conversation) -> None:
    """The person chose "End and wipe": the chat ends now; their browser forgets it (views.end)."""
    with transaction.atomic():
        ended = finish(conversation, outcome=Outcome.ENDED_BY_PERSON)
        if ended:
            add_system_message(conversation, lambda: _("The person ended the chat."))


def finish(conversation: Conversation, *, outcome: Outcome) -> bool:
    now = timezone.now()
    updated = (
        Conversation.objects.open()
        .filter(pk=conversation.pk)
        .update(status=ConversationStatus.ENDED, outcome=outcome, ended_at=now, awaiting_reply_since=None)
    )
    conversation.refresh_from_db()
    return updated == 1


# Staff -----------------------------------------------------------------------------------------------------------


def record_conversation_audit(
    *, actor: User, conversation: Conversation, action: AuditAction, page: str, detail: str | None = None
) -> None:
    AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor,
        actor_name=actor.get_username(),
        organisation_id=conversation.organisation_id,
        action=action,
        request_reference=conversation.reference,
        page=page[:200],
        detail=(detail or f"{conversation.get_channel_display()} conversation")[:200],
    )


def record_conversation_viewed(*, actor: User, conversation: Conversation, page: str) -> None:
    with transaction.atomic():
        record_conversation_audit(
            actor=actor, conversation=conversation, action=AuditAction.VIEWED_CONVERSATION, page=page
        )


def claim_conversation(*, actor: User, conversation: Conversation, page: str) -> None:
    """Exactly one of two people taking the same waiting conversation at the same moment wins (as claim_request)."""
    with transaction.atomic():
        taken = Conversation.objects.filter(
            pk=conversation.pk, status=ConversationStatus.WAITING, claimed_by__isnull=True
        ).update(status=ConversationStatus.ACTIVE, claimed_by=actor, claimed_at=timezone.now())
        if taken != 1:
            raise ConversationConflict("Someone else has already taken this conversation, or it has ended.")
        conversation.refresh_from_db()
        add_system_message(conversation, lambda: joined_words(actor))
        record_conversation_audit(
            actor=actor, conversation=conversation, action=AuditAction.TOOK_CONVERSATION, page=page
        )


@dataclass(frozen=True)
class Reply:
    message: Message
    outbound: OutboundMessage | None


def reply_as_staff(*, actor: User, conversation: Conversation, body: str, page: str) -> Reply:
    """Into the transcript; for SMS also into the outbox. Only the person who took it may reply."""
    text = body.strip()[:MESSAGE_MAX_LENGTH]
    with transaction.atomic():
        current = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if not current.is_open:
            raise ConversationClosed("This conversation has ended.")
        if current.claimed_by_id != actor.pk:
            raise ConversationConflict("Take the conversation before replying.")
        message = add_message(current, sender=Sender.STAFF, body=text, author=actor)
        Conversation.objects.filter(pk=current.pk).update(awaiting_reply_since=None)
        outbound = text_person(current, template="conversation-reply", context={"text": text})
        record_conversation_audit(
            actor=actor, conversation=current, action=AuditAction.REPLIED_IN_CONVERSATION, page=page
        )
    return Reply(message, outbound)


def transfer_conversation(*, actor: User, conversation: Conversation, colleague: User, page: str) -> None:
    """Give a taken conversation to a colleague in the same organisation; the person is told who they now talk with."""
    with transaction.atomic():
        current = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if current.status != ConversationStatus.ACTIVE:
            raise ConversationConflict("Only a taken, open conversation can be given to someone else.")
        if not may_act_for(actor, current):
            raise TransferNotAllowed("Only the person who took this conversation, or a supervisor, can transfer it.")
        if not Membership.objects.filter(user=colleague, organisation_id=current.organisation_id).exists():
            raise TransferNotAllowed("The colleague must work for the same organisation.")
        if current.claimed_by_id == colleague.pk:
            raise ConversationConflict("This person already has the conversation.")
        Conversation.objects.filter(pk=current.pk).update(claimed_by=colleague, claimed_at=timezone.now())
        add_system_message(current, lambda: transfer_words(colleague))
        record_conversation_audit(
            actor=actor,
            conversation=current,
            action=AuditAction.TRANSFERRED_CONVERSATION,
            page=page,
            detail=f"to {colleague.get_username()}",
        )
    conversation.refresh_from_db()


class WatchNotAllowed(Exception):
    pass


def watch_conversation(*, actor: User, conversation: Conversation, page: str) -> None:
    """A supervisor reads along to support the team, and the person is told so in their transcript, by first name."""
    with transaction.atomic():
        current = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if current.status == ConversationStatus.ENDED or current.erased_at is not None:
            raise ConversationConflict("This conversation has ended.")
        if not can_supervise(actor, current.organisation_id) or current.claimed_by_id == actor.pk:
            raise WatchNotAllowed("Only a supervisor of this organisation who is not answering it can watch it.")
        if not is_watching(actor, current):
            add_system_message(current, lambda: watching_words(actor), author=actor)
        record_conversation_audit(
            actor=actor,
            conversation=current,
            action=AuditAction.VIEWED_CONVERSATION,
            page=page,
            detail="watching, with the person told",
        )


def watching_words(supervisor: User) -> str:
    """What the person sees: a first name only, as when a conversation is transferred."""
    if supervisor.first_name:
        return _("%(first_name)s, a supervisor, is also reading this conversation to support the team.") % {
            "first_name": supervisor.first_name
        }
    return _("A supervisor is also reading this conversation to support the team.")


def joined_words(worker: User) -> str:
    """What the person sees when their chat is taken, in their language: a first name only."""
    if worker.first_name:
        return _("%(first_name)s joined.") % {"first_name": worker.first_name}
    return _("A member of the team joined.")


def transfer_words(colleague: User) -> str:
    """What the person sees: a first name only, never a username or surname."""
    if colleague.first_name:
        return _("You are now talking with %(first_name)s.") % {"first_name": colleague.first_name}
    return _("You are now talking with another member of the team.")


def may_act_for(actor: User, conversation: Conversation) -> bool:
    """The person holding the conversation, or a supervisor of its organisation."""
    return conversation.claimed_by_id == actor.pk or can_supervise(actor, conversation.organisation_id)


def make_contact_request(
    *, actor: User, conversation: Conversation, summary: str, phone: str = "", page: str
) -> ContactRequest:
    """Through intake's own service (confirmation, team alert, opt-outs); a text conversation carries its number."""
    with transaction.atomic():
        current = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if not may_act_for(actor, current):
            raise TransferNotAllowed("Only the person who took this conversation, or a supervisor, can do this.")
        if current.contact_request_id is not None or current.erased_at is not None:
            raise ConversationConflict("A contact request was already made from this conversation, or it was erased.")
        number = current.phone or "" if current.channel == Channel.SMS else phone
        # Someone who texted can be texted back; a number given in a web chat is called, as nothing said texts are safe
        methods = (ContactMethod.TEXT,) if current.channel == Channel.SMS else (ContactMethod.CALL,)
        details = ContactDetails(
            for_whom=ForWhom.SELF,
            contact_methods=methods if number else (),
            best_times=(BestTime.ANY_TIME,),
            phone=number,
            name=current.first_name or "",
            help_with=f"From conversation {current.reference}: {summary.strip()}"[:MESSAGE_MAX_LENGTH],
        )
        contact_request = submit_contact_request(details=details, source=Source.WEB).request
        Conversation.objects.filter(pk=current.pk).update(contact_request=contact_request)
        record_conversation_audit(
            actor=actor, conversation=current, action=AuditAction.CONVERSATION_TO_REQUEST, page=page
        )
    conversation.refresh_from_db()
    return contact_request


def erase_conversation(*, actor: User, conversation: Conversation, page: str) -> None:
    """On the person's request: its messages and personal fields go, and its texts' details in the outbox (H-074).

    Only the reference and the dates are kept; an open conversation ends. A contact request made from it is separate
    and erased from its own page.
    """
    now = timezone.now()
    with transaction.atomic():
        current = Conversation.objects.select_for_update().get(pk=conversation.pk)
        erase_messages_about([current.outbox_reference])
        Message.objects.filter(conversation=current).delete()
        Conversation.objects.filter(pk=current.pk).update(
            first_name=None,
            phone=None,
            phone_hash="",
            has_red_flag=False,
            awaiting_reply_since=None,
            status=ConversationStatus.ENDED,
            ended_at=current.ended_at or now,
            erased_at=now,
        )
        record_conversation_audit(actor=actor, conversation=current, action=AuditAction.ERASED_CONVERSATION, page=page)
    conversation.refresh_from_db()


def add_canned_reply(*, organisation: Organisation, title: str, text: str) -> CannedReply:
    """Team wording, not personal data: a supervisor's page adds it (staff_views.canned_replies)."""
    return CannedReply.objects.create(
        organisation=organisation,
        title=title.strip()[:80],
        text=text.strip()[:MESSAGE_MAX_LENGTH],
        created_at=timezone.now(),
    )


def fits_a_text(text: str) -> bool:
    """Nothing in it would reveal what the service is about on a locked phone, as the outbox checks every SMS."""
    lowered = text.lower()
    return not any(word in lowered for word in REVEALING_WORDS)


def remove_canned_reply(*, reply: CannedReply) -> None:
    reply.delete()


def end_conversation(*, actor: User, conversation: Conversation, outcome: Outcome, page: str) -> None:
    if outcome not in STAFF_OUTCOMES:
        raise ConversationConflict("Choose how the conversation ended.")
    with transaction.atomic():
        if not finish(conversation, outcome=outcome):
            raise ConversationClosed("This conversation has already ended.")
        add_system_message(conversation, lambda: _("The conversation has ended."))
        record_conversation_audit(
            actor=actor, conversation=conversation, action=AuditAction.ENDED_CONVERSATION, page=page
        )


def text_person(conversation: Conversation, *, template: str, context: dict[str, str]) -> OutboundMessage | None:
    """An SMS conversation's text through the outbox; a web chat needs none (its transcript is the reply)."""
    if conversation.channel != Channel.SMS or not conversation.phone:
        return None
    return queue_message(
        channel=OutboxChannel.SMS,
        recipient=conversation.phone,
        template=template,
        context=context,
        reference=conversation.outbox_reference,
    )


# SMS -------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboundText:
    phone: str
    body: str


def receive_text(text: InboundText) -> Conversation | None:
    """A text from the provider: keywords first (carrier rules, H-070), then a new or continued conversation."""
    keyword = parse_keyword(text.body, opening_word=settings.SMS_OPENING_WORD)
    # A text says nothing of its sender's language: texts and their notes stay in the default language (ADR 0048)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        if keyword == Keyword.STOP:
            return stop_texts(text)
        if keyword == Keyword.RESUME:
            return resume_texts(text)
        current = open_sms_conversation(text.phone)
        if keyword == Keyword.HELP:
            send_help(text.phone, current)
            return current
        if current is None:
            return start_sms_conversation(text)
        post_person_message(conversation=current, body=text.body)
        if keyword == Keyword.OPEN:
            text_person(current, template="conversation-welcome", context=service_information())
        return current


def open_sms_conversation(phone: str) -> Conversation | None:
    open_ones = Conversation.objects.open().filter(channel=Channel.SMS, phone_hash=phone_hash(phone))
    return open_ones.order_by("-started_at").first()


def start_sms_conversation(text: InboundText) -> Conversation:
    organisation = public_organisation()
    if organisation is None:
        raise NoOrganisationForConversations("No organisation receives the public's conversations.")
    hashed = phone_hash(text.phone)
    conversation = Conversation.objects.create(
        reference=new_reference(),
        channel=Channel.SMS,
        organisation=organisation,
        phone=text.phone,
        phone_hash=hashed,
        has_red_flag=has_flagged_request(hashed),
        started_at=timezone.now(),
    )
    post_person_message(conversation=conversation, body=text.body)
    welcome = text_person(conversation, template="conversation-welcome", context=service_information())
    if welcome is not None:
        add_message(conversation, sender=Sender.SYSTEM, body=welcome.body)
    return conversation


def has_flagged_request(hashed_phone: str) -> bool:
    """The same number is on an open contact request with a red flag: the inbox puts it first (H-073)."""
    return ContactRequest.objects.open().filter(phone_hash=hashed_phone, has_red_flag=True).exists()


def send_help(phone: str, conversation: Conversation | None) -> None:
    queue_message(
        channel=OutboxChannel.SMS,
        recipient=phone,
        template="conversation-help",
        context={**service_information(), "opening_word": settings.SMS_OPENING_WORD},
        reference=conversation.outbox_reference if conversation else "",
    )
    if conversation is not None:
        add_message(conversation, sender=Sender.SYSTEM, body="The person texted HELP; the service's details were sent.")


def stop_texts(text: InboundText) -> Conversation | None:
    """Confirm once, then silence: the confirmation is queued before the opt-out is recorded (H-071)."""
    hashed = phone_hash(text.phone)
    conversation = open_sms_conversation(text.phone)
    already_stopped = SmsOptOut.objects.filter(phone_hash=hashed).exists()
    if not already_stopped:
        queue_message(
            channel=OutboxChannel.SMS,
            recipient=text.phone,
            template="conversation-stopped",
            context={"service_name": settings.SITE_NAME},
        )
        SmsOptOut.objects.create(phone_hash=hashed, opted_out_at=timezone.now())
    if conversation is not None:
        cancel_unsent_texts(conversation)
        add_message(conversation, sender=Sender.SYSTEM, body="The person texted STOP: no more texts will be sent.")
        finish(conversation, outcome=Outcome.OPTED_OUT)
    return conversation


def cancel_unsent_texts(conversation: Conversation) -> int:
    """Replies still waiting in the outbox are not sent after a STOP."""
    return OutboundMessage.objects.filter(
        reference=conversation.outbox_reference, status__in=(Status.QUEUED, Status.CLAIMED)
    ).update(status=Status.CANCELLED, claim_token="", claim_expires_at=None)


def resume_texts(text: InboundText) -> Conversation | None:
    deleted, _ = SmsOptOut.objects.filter(phone_hash=phone_hash(text.phone)).delete()
    if deleted:
        queue_message(
            channel=OutboxChannel.SMS,
            recipient=text.phone,
            template="conversation-resumed",
            context={"service_name": settings.SITE_NAME},
        )
    return open_sms_conversation(text.phone)


def service_information() -> dict[str, str]:
    """Who we are in neutral words, the hours and the region's lines: nothing a lock screen should not show."""
    region = configured_region()
    crisis = crisis_lines(region)[0]
    return {
        "service_name": settings.SITE_NAME,
        "hours": hours.hours_in_words(),
        "emergency_number": emergency_line(region).primary_contact.value,
        "crisis_line": f"{crisis.name}, {crisis.primary_contact.label}",
    }


def purge_ended_conversations(*, ended_for: datetime.timedelta) -> int:
    """Delete conversations ended longer ago than `ended_for`, their messages, and their texts' details (H-074)."""
    cutoff = timezone.now() - ended_for
    with transaction.atomic():
        expired = Conversation.objects.filter(status=ConversationStatus.ENDED, ended_at__lt=cutoff)
        references = [f"conversation-{reference}" for reference in expired.values_list("reference", flat=True)]
        if not references:
            return 0
        erase_messages_about(references)
        Message.objects.filter(conversation__in=expired).delete()
        return expired.delete()[0]


def apply_conversation_retention() -> int:
    """Run by `waypost worker` now and then: the same retention period as contact requests (WAYPOST_RETENTION_DAYS)."""
    return purge_ended_conversations(ended_for=datetime.timedelta(days=settings.RETENTION_DAYS))
