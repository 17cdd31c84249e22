"""Display text for referrals, so templates hold only `if` and `for`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from waypost.treatment.choices import ReasonCode, SharedItem, TaskStatus
from waypost.treatment.lifecycle import Side, allowed_moves
from waypost.treatment.models import Referral, ReferralEvent

# The reasons matching.py composes around a label, in the order they must be tried ("Offers care in" first)
MATCH_PATTERNS = (
    (re.compile(r"^Offers care in (?P<words>.+)$"), gettext_lazy("Offers care in %(words)s")),
    (re.compile(r"^Offers (?P<words>.+)$"), gettext_lazy("Offers %(words)s")),
    (re.compile(r"^Takes (?P<words>.+)$"), gettext_lazy("Takes %(words)s")),
    (re.compile(r"^Does not list (?P<words>.+)$"), gettext_lazy("Does not list %(words)s")),
    (re.compile(r"^Sees (?P<words>.+)$"), gettext_lazy("Sees %(words)s")),
    (re.compile(r"^(?P<words>[0-9.]+) km away$"), gettext_lazy("%(words)s km away")),
)

# What each button says, for the side that may press it
MOVE_LABELS = {
    TaskStatus.RECEIVED: gettext_lazy("Mark as received"),
    TaskStatus.ACCEPTED: gettext_lazy("Accept"),
    TaskStatus.REJECTED: gettext_lazy("Decline"),
    TaskStatus.IN_PROGRESS: gettext_lazy("Book intake"),
    TaskStatus.COMPLETED: gettext_lazy("Admitted"),
    TaskStatus.FAILED: gettext_lazy("Did not attend"),
    TaskStatus.CANCELLED: gettext_lazy("Cancel referral"),
}
NEEDS_REASON = frozenset({TaskStatus.REJECTED, TaskStatus.FAILED, TaskStatus.CANCELLED})


@dataclass(frozen=True)
class Move:
    status: str
    label: str
    needs_reason: bool
    needs_intake_date: bool


@dataclass(frozen=True)
class TimelineEntry:
    at: str
    text: str
    who: str
    note: str


def when(moment: object) -> str:
    return dateformat.format(timezone.localtime(moment), "j M Y H:i") if moment else ""  # type: ignore[arg-type]


def match_text(text: str) -> str:
    """A matching reason or concern in the console's language; words without a translation are shown as given."""
    for pattern, words in MATCH_PATTERNS:
        found = pattern.match(text)
        if found is not None:
            return str(words) % {"words": label_text(found["words"])}
    return _(text)


def label_text(label: str) -> str:
    """A label inside a reason; an age group arrives lower-cased ("adults"), so its capitalised entry is tried too."""
    translated = _(label)
    if translated == label and label[:1].islower():
        capitalised = label[:1].upper() + label[1:]
        translated = _(capitalised)
        return translated[:1].lower() + translated[1:] if translated != capitalised else label
    return translated


def moves_for(referral: Referral, side: Side) -> list[Move]:
    order = [str(status) for status in MOVE_LABELS]
    allowed = sorted(allowed_moves(referral.status, side), key=order.index)
    return [
        Move(
            status=status,
            label=str(_("Change intake date") if status == referral.status else MOVE_LABELS[TaskStatus(status)]),
            needs_reason=status in NEEDS_REASON,
            needs_intake_date=status == TaskStatus.IN_PROGRESS,
        )
        for status in allowed
    ]


def timeline(referral: Referral) -> list[TimelineEntry]:
    return [entry_for(event) for event in referral.events.all()]


def entry_for(event: ReferralEvent) -> TimelineEntry:
    text = _("Reminder") if event.status_from == event.status_to else str(TaskStatus(event.status_to).label)
    return TimelineEntry(at=when(event.at), text=text, who=event.actor_name, note=event.note or "")


def status_line(referral: Referral) -> str:
    text = str(referral.get_status_display())
    if referral.status == TaskStatus.IN_PROGRESS and referral.intake_at:
        text = _("Intake booked for %(when)s") % {"when": when(referral.intake_at)}
    if referral.reason_code:
        text += f": {ReasonCode(referral.reason_code).label}"
    if referral.business_status:
        text += f" ({referral.business_status})"
    return text


def shared_labels(referral: Referral) -> list[str]:
    codes = [code for code in referral.shared_items.split(",") if code]
    return [str(SharedItem(code).label) for code in codes]


def shared_lines(referral: Referral) -> list[str]:
    return [line for line in (referral.shared_summary or "").splitlines() if line]


@dataclass(frozen=True)
class ReferralRow:
    reference: str
    destination: str
    sender: str
    status: str
    sent: str
    has_ended: bool


def rows(referrals: list[Referral]) -> list[ReferralRow]:
    return [
        ReferralRow(
            reference=referral.reference,
            destination=referral.destination_name,
            sender=referral.sending_organisation.name,
            status=status_line(referral),
            sent=when(referral.created_at),
            has_ended=referral.ended_at is not None,
        )
        for referral in referrals
    ]
