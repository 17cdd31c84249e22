"""Writes for recovery support: enrolment, sign-in codes, the plan, check-ins, outreach, ending and deleting.

Each is one transaction; messages go through the outbox in the same transaction; staff actions are audited inside.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction
from waypost.instruments.flags import Flag
from waypost.intake.references import new_reference
from waypost.notifications.models import Channel
from waypost.notifications.services import erase_messages, queue_message
from waypost.recovery import check_ins
from waypost.recovery.models import CheckIn, ContactChannel, Enrolment, OutreachTask, Plan
from waypost.recovery.reminders import send_due_reminders
from waypost.recovery.rules import (
    CheckInFigures,
    Outreach,
    Rhythm,
    help_now_outreach,
    interrupting_flags,
    outreach_after_check_in,
    quiet_outreach,
)
from waypost.recovery.signing_in import contact_hash
from waypost.triage.services import record_organisation_audit

# Enough check-ins to see any run without use that the outreach rules care about
HISTORY_FOR_RULES = 60


class AlreadyEnrolled(Exception):
    """This phone number or e-mail address already has recovery support here."""


@dataclass(frozen=True)
class CheckInResult:
    check_in: CheckIn
    interrupting: tuple[Flag, ...]


@transaction.atomic
def invite_to_recovery(
    *,
    actor: User,
    organisation: Organisation,
    channel: ContactChannel,
    contact: str,
    rhythm: Rhythm,
    shares_with_care_team: bool,
    page: str,
) -> Enrolment:
    hashed = contact_hash(contact)
    if Enrolment.objects.active().filter(contact_hash=hashed, organisation=organisation).exists():
        raise AlreadyEnrolled(_("This person already has recovery support with your organisation."))
    enrolment = Enrolment.objects.create(
        reference=new_reference(),
        organisation=organisation,
        contact_channel=channel,
        contact=contact,
        contact_hash=hashed,
        rhythm=rhythm,
        shares_with_care_team=shares_with_care_team,
        created_at=timezone.now(),
        invited_by=actor,
    )
    # The person's language is not known until they sign in: the staff member's page language is not theirs
    with translation.override(enrolment.language):
        queue_message(
            channel=Channel(channel),
            recipient=contact,
            template="recovery-invite",
            context={"sign_in_url": "/recovery/sign-in"},
            reference=enrolment.reference,
        )
    record_organisation_audit(
        actor=actor,
        organisation_id=organisation.pk,
        action=AuditAction.ENROLLED_RECOVERY,
        page=page,
        request_reference=enrolment.reference,
    )
    return enrolment


@transaction.atomic
def save_plan(*, enrolment: Enrolment, sections: Mapping[str, str]) -> Plan:
    plan, _ = Plan.objects.update_or_create(
        enrolment=enrolment, defaults={"sections": json.dumps(dict(sections)), "updated_at": timezone.now()}
    )
    return plan


@transaction.atomic
def record_check_in(*, enrolment: Enrolment, answers: check_ins.CheckInAnswers) -> CheckInResult:
    now = timezone.now()
    response = check_ins.to_response(answers, authored=now)
    check_in = CheckIn.objects.create(enrolment=enrolment, submitted_at=now, response=json.dumps(response))
    enrolment.last_check_in_at = now
    enrolment.save(update_fields=["last_check_in_at"])
    history = recent_figures(enrolment)
    create_outreach(enrolment, outreach_after_check_in(history))
    return CheckInResult(check_in, interrupting_flags(history[-1]))


def recent_figures(enrolment: Enrolment) -> list[CheckInFigures]:
    """The latest check-ins' figures, oldest first."""
    rows = CheckIn.objects.filter(enrolment=enrolment).order_by("-submitted_at", "-pk")[:HISTORY_FOR_RULES]
    figures = [check_ins.figures_of(check_ins.from_response(json.loads(row.response)), day_of(row)) for row in rows]
    return figures[::-1]


def day_of(check_in: CheckIn) -> datetime.date:
    return timezone.localdate(check_in.submitted_at)


def create_outreach(enrolment: Enrolment, found: tuple[Outreach, ...] | list[Outreach]) -> None:
    """Tasks for the care team, only if the person agreed to share with them."""
    if not enrolment.shares_with_care_team or not found:
        return
    now = timezone.now()
    OutreachTask.objects.bulk_create(
        OutreachTask(
            enrolment=enrolment,
            organisation_id=enrolment.organisation_id,
            trigger=outreach.trigger.value,
            risk=outreach.risk,
            reason=outreach.reason,
            reason_details=json.dumps(outreach.details),
            created_at=now,
        )
        for outreach in found
    )


@transaction.atomic
def ask_for_help_now(*, enrolment: Enrolment) -> None:
    create_outreach(enrolment, [help_now_outreach()])


@transaction.atomic
def set_sharing(*, enrolment: Enrolment, shares_with_care_team: bool) -> None:
    enrolment.shares_with_care_team = shares_with_care_team
    enrolment.save(update_fields=["shares_with_care_team"])
    if not shares_with_care_team:
        # Withdrawn consent takes what the team was told about them out of the queue too
        enrolment.outreach_tasks.open().delete()


@transaction.atomic
def delete_everything(*, enrolment: Enrolment) -> None:
    """The person's own erasure: the enrolment, codes, plan, check-ins, tasks and the messages sent to them."""
    erase_messages(reference=enrolment.reference)
    enrolment.delete()


@transaction.atomic
def end_enrolment(*, actor: User, enrolment: Enrolment, page: str) -> None:
    now = timezone.now()
    enrolment.ended_at = now
    enrolment.save(update_fields=["ended_at"])
    enrolment.outreach_tasks.open().update(closed_at=now, closed_by=actor)
    record_organisation_audit(
        actor=actor,
        organisation_id=enrolment.organisation_id,
        action=AuditAction.ENDED_RECOVERY,
        page=page,
        request_reference=enrolment.reference,
    )


@transaction.atomic
def close_outreach_task(*, actor: User, task: OutreachTask, page: str) -> None:
    task.closed_at = timezone.now()
    task.closed_by = actor
    task.save(update_fields=["closed_at", "closed_by"])
    record_organisation_audit(
        actor=actor,
        organisation_id=task.organisation_id,
        action=AuditAction.CLOSED_OUTREACH,
        page=page,
        request_reference=task.enrolment.reference,
    )


@transaction.atomic
def record_staff_view(*, actor: User, enrolment: Enrolment, page: str) -> None:
    record_organisation_audit(
        actor=actor,
        organisation_id=enrolment.organisation_id,
        action=AuditAction.VIEWED_RECOVERY,
        page=page,
        request_reference=enrolment.reference,
    )


@transaction.atomic
def record_list_view(*, actor: User, organisation_ids: set[int], page: str) -> None:
    """One audit entry per organisation whose people a list showed."""
    for organisation_id in sorted(organisation_ids):
        record_organisation_audit(
            actor=actor, organisation_id=organisation_id, action=AuditAction.VIEWED_RECOVERY, page=page
        )


def find_quiet_enrolments(*, today: datetime.date) -> int:
    """One open "gone quiet" task per daily enrolment that has not checked in; returns how many were made."""
    made = 0
    candidates = Enrolment.objects.active().filter(rhythm=Rhythm.DAILY, shares_with_care_team=True)
    for enrolment in candidates.exclude(outreach_tasks__trigger="quiet", outreach_tasks__closed_at__isnull=True):
        last = timezone.localdate(enrolment.last_check_in_at) if enrolment.last_check_in_at else None
        outreach = quiet_outreach(
            rhythm=Rhythm.DAILY, last_check_in=last, enrolled_on=timezone.localdate(enrolment.created_at), today=today
        )
        if outreach is not None:
            with transaction.atomic():
                create_outreach(enrolment, [outreach])
            made += 1
    return made


def run_recovery_timers() -> None:
    """What `waypost worker` does every few minutes for recovery support, so no cron job is needed: "gone quiet"
    tasks, and the reminders that are due (each person gets at most one a day or a week, however often it runs)."""
    find_quiet_enrolments(today=timezone.localdate())
    send_due_reminders(now=timezone.now())
