"""Writes for recovery support: enrolment, sign-in codes, the plan, check-ins, outreach, ending and deleting.

Each is one transaction; messages go through the outbox in the same transaction; staff actions are audited inside.
"""

from __future__ import annotations

import datetime
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction
from waypost.core.encryption import keyed_hash
from waypost.instruments.flags import Flag
from waypost.intake.references import new_reference
from waypost.notifications.models import Channel
from waypost.notifications.services import erase_messages, queue_message
from waypost.recovery import access, check_ins
from waypost.recovery.models import AccessToken, CheckIn, ContactChannel, Enrolment, OutreachTask, Plan, SignInCode
from waypost.recovery.rules import (
    CheckInFigures,
    Outreach,
    Rhythm,
    help_now_outreach,
    interrupting_flags,
    is_reminder_due,
    outreach_after_check_in,
    quiet_outreach,
)
from waypost.triage.services import record_organisation_audit

CODE_DIGITS = 6
CODE_LIFETIME = datetime.timedelta(minutes=15)
MAXIMUM_WRONG_CODES = 5
# A few codes an hour is plenty for a person; more would let someone flood their phone
MAXIMUM_CODES_PER_HOUR = 5
TOKEN_LIFETIME = datetime.timedelta(days=30)
# Enough check-ins to see any run without use that the outreach rules care about
HISTORY_FOR_RULES = 60


class AlreadyEnrolled(Exception):
    """This phone number or e-mail address already has recovery support here."""


class CodeResult(StrEnum):
    SIGNED_IN = "signed-in"
    WRONG = "wrong"
    EXPIRED = "expired"
    THROTTLED = "throttled"


@dataclass(frozen=True)
class CheckInResult:
    check_in: CheckIn
    interrupting: tuple[Flag, ...]


def contact_hash(contact: str) -> str:
    return keyed_hash(contact.strip().lower(), purpose="recovery-contact")


def code_hash(enrolment: Enrolment, code: str) -> str:
    return keyed_hash(f"{enrolment.pk}:{code}", purpose="recovery-code")


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
        raise AlreadyEnrolled("This person already has recovery support with your organisation.")
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
def send_sign_in_code(*, contact: str) -> Enrolment | None:
    """Send a code to an active enrolment with this contact; None (and nothing sent) for anyone else."""
    enrolment = Enrolment.objects.active().filter(contact_hash=contact_hash(contact)).order_by("-created_at").first()
    if enrolment is None:
        return None
    now = timezone.now()
    recent = SignInCode.objects.filter(enrolment=enrolment, created_at__gte=now - datetime.timedelta(hours=1))
    if recent.count() >= MAXIMUM_CODES_PER_HOUR:
        return enrolment
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    SignInCode.objects.create(
        enrolment=enrolment, code_hash=code_hash(enrolment, code), created_at=now, expires_at=now + CODE_LIFETIME
    )
    queue_message(
        channel=Channel(enrolment.contact_channel),
        recipient=enrolment.contact,
        template="recovery-code",
        context={"code": code, "minutes": str(CODE_LIFETIME.seconds // 60)},
        reference=enrolment.reference,
    )
    return enrolment


@transaction.atomic
def check_sign_in_code(*, enrolment_id: int, code: str) -> CodeResult:
    latest = (
        SignInCode.objects.select_for_update()
        .filter(enrolment_id=enrolment_id, enrolment__ended_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is None or latest.used_at is not None:
        return CodeResult.EXPIRED
    if latest.wrong_attempts >= MAXIMUM_WRONG_CODES:
        return CodeResult.THROTTLED
    if latest.expires_at <= timezone.now():
        return CodeResult.EXPIRED
    if not secrets.compare_digest(latest.code_hash, code_hash(latest.enrolment, code.strip())):
        latest.wrong_attempts += 1
        latest.save(update_fields=["wrong_attempts"])
        return CodeResult.THROTTLED if latest.wrong_attempts >= MAXIMUM_WRONG_CODES else CodeResult.WRONG
    latest.used_at = timezone.now()
    latest.save(update_fields=["used_at"])
    return CodeResult.SIGNED_IN


@transaction.atomic
def exchange_code_for_token(*, contact: str, code: str) -> tuple[CodeResult, str, datetime.datetime | None]:
    """(result, bearer token, expiry) for the phone app; the token itself is never stored, only its keyed hash."""
    enrolment = Enrolment.objects.active().filter(contact_hash=contact_hash(contact)).order_by("-created_at").first()
    if enrolment is None:
        return CodeResult.WRONG, "", None
    result = check_sign_in_code(enrolment_id=enrolment.pk, code=code)
    if result != CodeResult.SIGNED_IN:
        return result, "", None
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + TOKEN_LIFETIME
    AccessToken.objects.create(
        enrolment=enrolment, token_hash=access.token_hash(token), created_at=timezone.now(), expires_at=expires_at
    )
    return result, token, expires_at


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


DEFAULT_REMINDER_WORDING = "Time for your check-in."


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
    enrolment.reminder_wording = wording or DEFAULT_REMINDER_WORDING
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
    queue_message(
        channel=Channel(enrolment.contact_channel),
        recipient=enrolment.contact,
        template="recovery-reminder",
        context={
            "wording": enrolment.reminder_wording or DEFAULT_REMINDER_WORDING,
            "check_in_url": "/recovery/check-in",
            "stop_url": f"/recovery/reminders/stop/{stop_token}",
        },
        reference=enrolment.reference,
    )


PHRASE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I, so it can be copied by hand
PHRASE_GROUPS = 6
PHRASE_GROUP_LENGTH = 5


def normalised_phrase(phrase: str) -> str:
    return "".join(character for character in phrase.upper() if character in PHRASE_ALPHABET)


def phrase_hash(phrase: str) -> str:
    return keyed_hash(normalised_phrase(phrase), purpose="recovery-phrase")


@transaction.atomic
def create_recovery_phrase(*, enrolment: Enrolment) -> str:
    """A new phrase (150 random bits), shown once; it replaces any earlier one."""
    groups = (
        "".join(secrets.choice(PHRASE_ALPHABET) for _ in range(PHRASE_GROUP_LENGTH)) for _ in range(PHRASE_GROUPS)
    )
    phrase = "-".join(groups)
    enrolment.phrase_hash = phrase_hash(phrase)
    enrolment.save(update_fields=["phrase_hash"])
    return phrase


def enrolment_for_phrase(phrase: str) -> Enrolment | None:
    if len(normalised_phrase(phrase)) != PHRASE_GROUPS * PHRASE_GROUP_LENGTH:
        return None
    return Enrolment.objects.active().filter(phrase_hash=phrase_hash(phrase)).first()
