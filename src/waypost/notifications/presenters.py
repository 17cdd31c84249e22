"""Display text for the messages screen: what went wrong, never the recipient, the wording or the raw error.

The raw error can quote the recipient's address, and the body is the person's message; staff see the request
(and, audited, its contact details) through the request page instead.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

from waypost.notifications.models import OutboundMessage, Status

UNCERTAIN_ADVICE = gettext_noop("The worker stopped while sending it. Check whether it arrived before you resend it.")
FAILED_ADVICE = gettext_noop(
    "It was not delivered after %(attempts)d attempts. Check the contact details, then resend it."
)


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
            advice=gettext(UNCERTAIN_ADVICE)
            if message.status == Status.UNCERTAIN
            else gettext(FAILED_ADVICE) % {"attempts": message.attempts},
            created_at=message.created_at,
            last_attempt_at=message.last_attempt_at,
        )
        for message in messages
    ]
