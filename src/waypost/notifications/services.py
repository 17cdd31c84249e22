"""What other apps call: queue a message inside their own transaction, purge old ones, see what needs a person."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from waypost.accounts.models import User
from waypost.conversations.opt_outs import opted_out_numbers
from waypost.core.audit import AuditAction, AuditEvent
from waypost.notifications.errors import (
    InvalidRecipientError,
    MessageAlreadyHandledError,
    MessageError,
    OutsideTransactionError,
)
from waypost.notifications.models import Channel, OutboundMessage, Status
from waypost.notifications.rendering import render_message
from waypost.notifications.speaking import Audience, speaking_to

logger = logging.getLogger(__name__)

INTERNATIONAL_PHONE_NUMBER = re.compile(r"^\+[1-9][0-9]{6,14}$")  # E.164, which SMS providers expect
REFERENCE_MAX_LENGTH = OutboundMessage._meta.get_field("reference").max_length or 64
# Every field that can identify a person; purging and erasure blank the same ones
OPTED_OUT_NOTE = "Not sent: this number texted STOP and has not texted START since."
PERSONAL_DETAILS_CLEARED = {"recipient": "", "subject": "", "body": "", "last_error": ""}


def queue_message(
    *,
    channel: Channel,
    recipient: str,
    template: str,
    context: Mapping[str, str],
    reference: str = "",
    audience: Audience | None = None,
) -> OutboundMessage:
    """Render now and store in the outbox; must be called inside the caller's transaction.atomic()."""
    message = new_message(
        channel=channel, recipient=recipient, template=template, context=context, reference=reference, audience=audience
    )
    return queue_messages([message])[0]


def queue_messages(messages: Sequence[OutboundMessage]) -> list[OutboundMessage]:
    """Store messages made by new_message() in one INSERT, inside the caller's transaction.atomic()."""
    require_caller_transaction()
    withhold_texts_to_opted_out_numbers(messages)
    stored = OutboundMessage.objects.bulk_create(messages)
    for message in stored:
        logger.info(
            "Queued %s %r as message %s (reference %r)",
            message.channel,
            message.template,
            message.pk,
            message.reference,
        )
    return stored


def withhold_texts_to_opted_out_numbers(messages: Sequence[OutboundMessage]) -> None:
    """A number that texted STOP gets no SMS from any part of Waypost: stored as cancelled, never sent (H-071)."""
    phones = [message.recipient for message in messages if message.channel == Channel.SMS and message.recipient]
    opted_out = opted_out_numbers(phones)
    for message in messages:
        if message.channel == Channel.SMS and message.recipient in opted_out:
            message.status, message.last_error = Status.CANCELLED, OPTED_OUT_NOTE


def new_message(
    *,
    channel: Channel,
    recipient: str,
    template: str,
    context: Mapping[str, str],
    reference: str = "",
    audience: Audience | None = None,
) -> OutboundMessage:
    """A checked, rendered message, not yet stored: hand it to queue_messages().

    With an audience, the wording is in that person's language and region (ADR 0046); without one, in the
    language and region active now, which is right only when the reader is the one on this page.
    """
    channel = Channel(channel)  # a plain "email" or "sms" is accepted; anything else raises ValueError
    check_recipient(channel, recipient)
    check_reference(reference)
    with speaking_to(audience) if audience else contextlib.nullcontext():
        rendered = render_message(template, channel=channel, context=context)
    return OutboundMessage(
        channel=channel,
        template=template,
        reference=reference,
        recipient=recipient,
        subject=rendered.subject,
        body=rendered.body,
    )


def team_alert(*, reference: str, has_red_flag: bool, staff_url: str) -> OutboundMessage | None:
    """The team's alert for a new request, not yet stored; None (and a warning) if no team address is set."""
    if not settings.TEAM_ALERT_EMAIL:
        logger.warning("WAYPOST_TEAM_ALERT_EMAIL is not set, so no team alert was queued for %r", reference)
        return None
    return new_message(
        channel=Channel.EMAIL,
        recipient=settings.TEAM_ALERT_EMAIL,
        template="team-alert",
        context={"reference": reference, "has_red_flag": "yes" if has_red_flag else "no", "staff_url": staff_url},
        reference=reference,
    )


def purge_sent_messages(*, older_than: timedelta) -> int:
    """Delete the recipient, subject, body and error of messages sent longer ago than `older_than`."""
    now = timezone.now()
    with transaction.atomic():
        return OutboundMessage.objects.filter(
            status=Status.SENT, sent_at__lt=now - older_than, purged_at__isnull=True
        ).update(**PERSONAL_DETAILS_CLEARED, purged_at=now)


def erase_messages(*, reference: str) -> int:
    """Erase the personal details of every message about `reference`, cancelling those not yet sent."""
    if not reference:
        raise MessageError("Name the reference whose messages should be erased.")
    return erase_messages_about([reference])


def erase_messages_about(references: Sequence[str]) -> int:
    """erase_messages for many references at once: two UPDATEs however many there are."""
    now = timezone.now()
    with transaction.atomic():
        messages = OutboundMessage.objects.filter(reference__in=references, purged_at__isnull=True)
        messages.filter(status__in=(Status.QUEUED, Status.CLAIMED)).update(
            status=Status.CANCELLED, claim_token="", claim_expires_at=None
        )
        return messages.update(**PERSONAL_DETAILS_CLEARED, purged_at=now)


def count_uncertain_messages() -> int:
    """Messages a worker stopped while sending that no person has handled yet: someone should check them."""
    return OutboundMessage.objects.needing_attention().filter(status=Status.UNCERTAIN).count()


UNFINISHED_STATUSES = (Status.QUEUED, Status.CLAIMED, Status.SENDING)
ATTENTION_STATUSES = (Status.FAILED, Status.UNCERTAIN)


@dataclass(frozen=True)
class OutboxSummary:
    """Counts only, for the operator's metrics: no recipient, reference or content."""

    by_status: dict[str, int]
    due: int
    oldest_due_seconds: float
    oldest_unsent_seconds: float
    retrying: int
    needing_attention: dict[str, int]


def summarise_outbox(now: datetime) -> OutboxSummary:
    unsent = OutboundMessage.objects.filter(status__in=UNFINISHED_STATUSES)
    unfinished = counts_by_status(unsent)
    oldest_unsent = unsent.aggregate(oldest=Min("created_at"))["oldest"]
    due = OutboundMessage.objects.claimable(now)
    oldest = due.aggregate(oldest=Min("next_attempt_at"))["oldest"]
    attention = counts_by_status(OutboundMessage.objects.needing_attention())
    return OutboxSummary(
        by_status={status.value: unfinished.get(status.value, 0) for status in UNFINISHED_STATUSES},
        due=due.count(),
        oldest_due_seconds=seconds_since(oldest, now),
        oldest_unsent_seconds=seconds_since(oldest_unsent, now),
        retrying=OutboundMessage.objects.filter(status=Status.QUEUED, attempts__gt=0).count(),
        needing_attention={status.value: attention.get(status.value, 0) for status in ATTENTION_STATUSES},
    )


def seconds_since(moment: datetime | None, now: datetime) -> float:
    return max((now - moment).total_seconds(), 0.0) if moment else 0.0


def counts_by_status(messages: QuerySet[OutboundMessage]) -> dict[str, int]:
    rows = messages.order_by().values_list("status").annotate(count=Count("pk"))
    return dict(rows)


def resolve_uncertain_message(*, message_id: int, was_delivered: bool) -> OutboundMessage:
    """A person checked an uncertain message: record it as sent, or queue it to be sent again now."""
    now = timezone.now()
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().get(pk=message_id, status=Status.UNCERTAIN)
        if was_delivered:
            message.status, message.sent_at = Status.SENT, message.last_attempt_at or now
        else:
            message.status, message.next_attempt_at = Status.QUEUED, now
        message.claim_token, message.claim_expires_at = "", None
        message.save(update_fields=["status", "sent_at", "next_attempt_at", "claim_token", "claim_expires_at"])
    return message


# What a provider's delivery report may say after it accepted a text (Twilio's MessageStatus values)
UNDELIVERED_REPORTS = frozenset({"undelivered", "failed"})


def record_delivery_report(*, provider_id: str, report: str, error_code: str = "") -> int:
    """The provider could not deliver a text it accepted: the row becomes failed, for a person to see (ADR 0039).

    Reports of progress or delivery change nothing: "sent" already means the provider has it.
    """
    if report not in UNDELIVERED_REPORTS or not provider_id:
        return 0
    detail = f"The provider reported the text {report} (error {error_code or 'none'})."
    with transaction.atomic():
        return OutboundMessage.objects.filter(provider_id=provider_id, status=Status.SENT).update(
            status=Status.FAILED, last_error=detail
        )


def resend_message(*, actor: User, message: OutboundMessage, organisation_id: int, page: str) -> OutboundMessage:
    """A person sends an uncertain or failed message again: a fresh copy is queued and the old row is handled."""
    with transaction.atomic():
        take_for_handling(actor=actor, message=message)
        copy = OutboundMessage(
            channel=message.channel,
            template=message.template,
            reference=message.reference,
            recipient=message.recipient,
            subject=message.subject,
            body=message.body,
        )
        stored = queue_messages([copy])[0]
        audit_message(
            actor, message, organisation_id, AuditAction.RESENT_MESSAGE, page, f"queued as message {stored.pk}"
        )
    return stored


def mark_message_handled(*, actor: User, message: OutboundMessage, organisation_id: int, page: str) -> None:
    """A person checked an uncertain or failed message another way (a call, the provider's records): no resend."""
    with transaction.atomic():
        take_for_handling(actor=actor, message=message)
        audit_message(actor, message, organisation_id, AuditAction.RESOLVED_MESSAGE, page, "marked handled")


def take_for_handling(*, actor: User, message: OutboundMessage) -> None:
    """Conditional UPDATE: of two people handling one message at once, the second changes nothing and is told."""
    updated = (
        OutboundMessage.objects.needing_attention()
        .filter(pk=message.pk)
        .update(handled_at=timezone.now(), handled_by=actor, claim_token="", claim_expires_at=None)
    )
    if updated != 1:
        raise MessageAlreadyHandledError("Someone else has already handled this message.")


def audit_message(
    actor: User, message: OutboundMessage, organisation_id: int, action: AuditAction, page: str, detail: str
) -> None:
    AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor,
        actor_name=actor.get_username(),
        organisation_id=organisation_id,
        action=action,
        request_reference=message.reference[:16],
        page=page[:200],
        detail=f"{message.get_channel_display()} {message.template} #{message.pk}: {detail}"[:200],
    )


def require_caller_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise OutsideTransactionError(
            "queue_message must run inside the caller's transaction.atomic(), so the message exists only if "
            "the change that caused it is saved."
        )


def check_recipient(channel: Channel, recipient: str) -> None:
    if channel == Channel.SMS:
        if not INTERNATIONAL_PHONE_NUMBER.match(recipient):
            raise InvalidRecipientError("An SMS needs a phone number in international form, like +447700900123.")
        return
    try:
        validate_email(recipient)
    except ValidationError:
        raise InvalidRecipientError("An e-mail needs a valid e-mail address.") from None


def check_reference(reference: str) -> None:
    if len(reference) > REFERENCE_MAX_LENGTH:
        raise MessageError(f"A message reference can be at most {REFERENCE_MAX_LENGTH} characters long.")
