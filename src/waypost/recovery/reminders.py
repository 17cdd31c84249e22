"""Check-in reminders at the time the person chose, through the outbox, with a stop link (ADR 0040)."""

from __future__ import annotations

import datetime
import secrets

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from waypost.core.helplines import Region
from waypost.core.regions import address_parts, language_in_address
from waypost.notifications.models import Channel
from waypost.notifications.services import queue_message
from waypost.recovery import access
from waypost.recovery.models import Enrolment
from waypost.recovery.rules import Rhythm, is_reminder_due

DEFAULT_REMINDER_WORDING = gettext_lazy("Time for your check-in.")


@transaction.atomic
def set_reminders(
    *,
    enrolment: Enrolment,
    remind_at: datetime.time | None,
    wording: str,
    quiet_from: datetime.time | None,
    quiet_until: datetime.time | None,
) -> None:
    enrolment.remind_at = remind_at
    enrolment.reminder_wording = wording or str(DEFAULT_REMINDER_WORDING)
    enrolment.quiet_from = quiet_from
    enrolment.quiet_until = quiet_until
    enrolment.save(update_fields=["remind_at", "reminder_wording", "quiet_from", "quiet_until"])


@transaction.atomic
def stop_reminders_by_link(*, token: str) -> bool:
    """One click from a reminder: stops them for whoever's link it is; False if the link is unknown."""
    if not token:
        return False
    stopped = Enrolment.objects.filter(reminder_stop_hash=access.token_hash(token)).update(
        remind_at=None, reminder_stop_hash=""
    )
    return stopped > 0


def send_due_reminders(*, now: datetime.datetime) -> int:
    """Queue each due reminder through the outbox; returns how many were queued."""
    local_now = timezone.localtime(now)
    sent = 0
    for enrolment in Enrolment.objects.active().filter(remind_at__isnull=False):
        if enrolment.remind_at is not None and is_reminder_due(
            now=local_now.replace(tzinfo=None),
            remind_at=enrolment.remind_at,
            rhythm=Rhythm(enrolment.rhythm),
            last_reminded_on=enrolment.last_reminded_on,
            last_check_in_on=timezone.localdate(enrolment.last_check_in_at) if enrolment.last_check_in_at else None,
            quiet_from=enrolment.quiet_from,
            quiet_until=enrolment.quiet_until,
        ):
            send_reminder(enrolment, today=local_now.date())
            sent += 1
    return sent


@transaction.atomic
def send_reminder(enrolment: Enrolment, *, today: datetime.date) -> None:
    stop_token = secrets.token_urlsafe(24)
    enrolment.last_reminded_on = today
    enrolment.reminder_stop_hash = access.token_hash(stop_token)
    enrolment.save(update_fields=["last_reminded_on", "reminder_stop_hash"])
    # The worker has no address to take a language from: the one the person signed in from is used
    with translation.override(enrolment.language):
        queue_message(
            channel=Channel(enrolment.contact_channel),
            recipient=enrolment.contact,
            template="recovery-reminder",
            context={
                "wording": enrolment.reminder_wording or str(DEFAULT_REMINDER_WORDING),
                "check_in_url": address_for(enrolment, "/recovery/check-in"),
                "stop_url": address_for(enrolment, f"/recovery/reminders/stop/{stop_token}"),
            },
            reference=enrolment.reference,
        )


def address_for(enrolment: Enrolment, path: str) -> str:
    """The path under the region and language the person signed in from, as the middleware reads them."""
    region = Region(enrolment.region) if enrolment.region else None
    parts = address_parts(region, language_in_address(enrolment.language))
    return "".join(f"/{part}" for part in parts) + path
