"""Display text for the console, so templates hold only loops and ifs."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from waypost.intake.choices import BestTime, PersonKnows, Relationship, Status, shown_label
from waypost.intake.models import ContactRequest
from waypost.triage.models import Activity, ActivityKind
from waypost.triage.times import time_with_zone


@dataclass(frozen=True)
class Preference:
    label: str
    value: str
    is_warning: bool = False


def yes_no(value: bool | None, *, yes: str, no: str) -> str:
    return _("Not asked") if value is None else (yes if value else no)


def contact_preferences(request: ContactRequest) -> list[Preference]:
    methods = [
        name
        for name, allowed in (
            (_("Phone call"), request.can_call),
            (_("Text"), request.can_text),
            (_("Email"), request.can_email),
        )
        if allowed
    ]
    times = ", ".join(shown_label(BestTime(time)) for time in request.best_times if time in BestTime.values)
    preferences = [
        Preference(_("Contact by"), ", ".join(methods) or _("None given")),
        Preference(_("Best times"), times or _("Not given")),
    ]
    if request.can_call:
        preferences.append(
            Preference(
                _("Voicemail or say who we are"),
                yes_no(request.voicemail_ok, yes=_("Yes"), no=_("No: do not leave a message or say who we are")),
                is_warning=request.voicemail_ok is False,
            )
        )
    if request.safe_to_text is not None:
        preferences.append(
            Preference(
                _("Safe to text"),
                yes_no(request.safe_to_text, yes=_("Yes"), no=_("No: do not text")),
                is_warning=not request.safe_to_text,
            )
        )
    if request.safe_contact_notes:
        preferences.append(Preference(_("Safe-contact notes"), request.safe_contact_notes, is_warning=True))
    if request.relationship:
        preferences.append(Preference(_("Asking for someone else"), shown_label(Relationship(request.relationship))))
        preferences.append(Preference(_("They know"), shown_label(PersonKnows(request.person_knows))))
    return preferences


@dataclass(frozen=True)
class TimelineEntry:
    at: str
    who: str
    text: str


def activity_text(activity: Activity) -> str:
    if activity.kind == ActivityKind.STATUS_CHANGED:
        return _("Status: %(before)s → %(after)s") % {
            "before": status_label(activity.status_from),
            "after": status_label(activity.status_to),
        }
    if activity.kind == ActivityKind.CONTACT_ATTEMPT:
        return _("Contact attempt: %(channel)s, %(result)s") % {
            "channel": activity.get_channel_display(),
            "result": activity.get_result_display().lower(),
        }
    if activity.kind in (
        ActivityKind.NOTE,
        ActivityKind.REASSIGNED,
        ActivityKind.MERGED,
        ActivityKind.CLOSED,
        ActivityKind.FOLLOW_UP,
    ):
        return f"{activity.get_kind_display()}: {activity.note or ''}"
    return str(activity.get_kind_display())


def status_label(status: str) -> str:
    return shown_label(Status(status)) if status in Status.values else status


def timeline(request: ContactRequest) -> list[TimelineEntry]:
    return [
        TimelineEntry(time_with_zone(activity.at), activity.actor_name, activity_text(activity))
        for activity in request.activities.all()
    ]
