"""Display text for the messages screen: what went wrong, never the recipient, the wording or the raw error.

The raw error can quote the recipient's address, and the body is the person's message; staff see the request
(and, audited, its contact details) through the request page instead.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from waypost.notifications.models import OutboundMessage, Status

UNCERTAIN_ADVICE = "The worker stopped while sending it. Check whether it arrived before you resend it."
FAILED_ADVICE = "It was not delivered after {attempts} attempts. Check the contact details, then resend it."


@dataclass(frozen=True)
class MessageRow:
    message_id: int
    channel: str
    template: str
    reference: str
    status: str
    advice: str
    created_at: datetime.datetime
    last_attempt_at: datetime.datetime | None


def message_rows(messages: Iterable[OutboundMessage]) -> list[MessageRow]:
    return [
        MessageRow(
            message_id=message.pk,
            channel=message.get_channel_display(),
            template=message.template,
            reference=message.reference,
            status=message.get_status_display(),
            advice=UNCERTAIN_ADVICE
            if message.status == Status.UNCERTAIN
            else FAILED_ADVICE.format(attempts=message.attempts),
            created_at=message.created_at,
            last_attempt_at=message.last_attempt_at,
        )
        for message in messages
    ]
