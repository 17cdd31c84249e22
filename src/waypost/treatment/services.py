"""Writes to assessments and referrals. Each change, its event and its audit record are saved together."""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy

from waypost.accounts.console_language import in_english
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.core.encryption import keyed_hash
from waypost.directory.models import Service
from waypost.intake.choices import Status
from waypost.intake.models import ContactRequest
from waypost.intake.services import audience_of
from waypost.notifications.models import Channel as MessageChannel
from waypost.notifications.models import OutboundMessage
from waypost.notifications.services import new_message, queue_messages
from waypost.notifications.speaking import speaking_to
from waypost.treatment import rules
from waypost.treatment.access import NO_END_MESSAGE, has_referrals_not_ended
from waypost.treatment.choices import (
    ENDED_STATUSES,
    BenefitsCheck,
    Channel,
    Dimension,
    LevelOfCare,
    Payment,
    SharedItem,
    TaskStatus,
)
from waypost.treatment.findings import findings_for
from waypost.treatment.lifecycle import Side, check_move, has_ended
from waypost.treatment.models import Assessment, ProviderLink, Referral, ReferralEvent
from waypost.treatment.timing import working_deadline
from waypost.triage.services import TriageConflict, change_status, record_audit

logger = logging.getLogger(__name__)


class ReferralConflict(Exception):
    """Someone else changed the referral first; the message says what to do."""


CONFLICT = "Someone else changed this referral while you were looking at it."


def move_referral(
    *,
    referral: Referral,
    new_status: str,
    side: Side,
    channel: Channel,
    actor: User | None,
    actor_name: str,
    expected_version: int,
    page: str,
    reason: str = "",
    reason_code: str = "",
    intake_at: datetime.datetime | None = None,
    business_status: str | None = None,
) -> Referral:
    """Move a referral along its life cycle (lifecycle.check_move decides); exactly one of two racing writers wins.

    Raises lifecycle.TransitionRefused for a move the rules forbid, ReferralConflict for a stale version.
    """
    if referral.version != expected_version:
        # Their page is out of date: judging the move against a status they never saw would refuse it wrongly
        raise ReferralConflict(CONFLICT)
    check_move(
        referral.status, new_status, side, has_reason=bool(reason.strip()), has_intake_date=intake_at is not None
    )
    now = timezone.now()
    changes: dict[str, object] = {"status": new_status, "updated_at": now, "version": F("version") + 1}
    if reason.strip():
        changes["status_reason"] = reason.strip()
    if reason_code:
        changes["reason_code"] = reason_code
    if intake_at is not None:
        changes["intake_at"] = intake_at
    if business_status is not None:
        changes["business_status"] = business_status
    if has_ended(new_status):
        changes["ended_at"] = now
    with transaction.atomic():
        updated = Referral.objects.filter(pk=referral.pk, version=expected_version, status=referral.status).update(
            **changes
        )
        if updated != 1:
            raise ReferralConflict(CONFLICT)
        ReferralEvent.objects.create(
            referral=referral,
            at=now,
            status_from=referral.status,
            status_to=new_status,
            actor=actor,
            actor_name=actor_name,
            channel=channel,
            note=reason.strip() or None,
        )
        # A provider not on Waypost answers through its link: the sender's log records the change
        organisation = referral.receiving_organisation if side is Side.PROVIDER else None
        organisation = organisation or referral.sending_organisation
        if organisation is not None:
            record_referral_audit(
                actor=actor,
                actor_name=actor_name,
                organisation=organisation,
                referral=referral,
                page=page,
                action=AuditAction.UPDATED_REFERRAL,
                detail=f"{referral.status} -> {new_status}",
            )
        referral.refresh_from_db()
        notify_person(referral)
    return referral


def record_referral_audit(
    *,
    actor: User | None,
    actor_name: str,
    organisation: Organisation,
    referral: Referral,
    action: AuditAction,
    page: str,
    detail: str = "",
) -> None:
    # Audit rows carry the referral's own reference, so each side's log names what was touched
    AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor,
        actor_name=actor_name,
        organisation=organisation,
        action=action,
        request_reference=referral.reference,
        page=page[:200],
        detail=detail[:200],
    )


# --- Sending a referral (ADR 0025) ---

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I, so a reference read aloud is not misheard
LINK_PURPOSE = "referral-link"
# The steps at which a person may ask to hear from us, and the neutral words they get
# Worded in the person's language when sent (ADR 0046); {intake} is the date, formatted in that language too
PERSON_MESSAGES = {
    TaskStatus.ACCEPTED: gettext_lazy(
        "The service we contacted for you can offer you a place. We will be in touch about a date."
    ),
    TaskStatus.IN_PROGRESS: gettext_lazy("Your appointment is on {intake}."),
    TaskStatus.REJECTED: gettext_lazy(
        "The service we contacted cannot offer you a place. We will be in touch about other options."
    ),
}


@dataclass(frozen=True)
class Destination:
    """Where a referral goes: a provider on Waypost (receiving_organisation) or a service reached by e-mail."""

    name: str
    receiving_organisation: Organisation | None = None
    service: Service | None = None
    email: str = ""


@dataclass(frozen=True)
class SentReferral:
    referral: Referral
    link_token: str  # the one copy of an external provider's link token, "" on Waypost; only its hash is stored


def send_referral(
    *,
    contact_request: ContactRequest,
    actor: User,
    destination: Destination,
    shared_items: Sequence[str],
    person_updates: Sequence[str],
    page: str,
) -> SentReferral:
    """Create the referral with the person's consent and a snapshot of exactly what is shared, and tell the provider."""
    if destination.receiving_organisation is None and not destination.email:
        raise ValueError("A provider not on Waypost needs an e-mail address")
    now = timezone.now()
    assessment = Assessment.objects.filter(contact_request=contact_request).first()
    items = [item for item in SharedItem.values if item in shared_items]
    with transaction.atomic():
        referral = Referral.objects.create(
            reference=new_reference(),
            contact_request=contact_request,
            sending_organisation_id=contact_request.organisation_id or 0,
            receiving_organisation=destination.receiving_organisation,
            service=destination.service,
            destination_name=destination.name[:300],
            destination_email=destination.email,
            level_of_care=(assessment.confirmed_level or assessment.suggested_level) if assessment else "",
            consented_at=now,
            shared_items=",".join(items),
            shared_summary=shared_summary(contact_request, assessment, items),
            person_updates=",".join(status for status in PERSON_MESSAGES if status in person_updates),
            created_at=now,
            created_by=actor,
            updated_at=now,
            response_due_at=working_deadline(now, settings.REFERRAL_RESPONSE_HOURS),
        )
        ReferralEvent.objects.create(
            referral=referral,
            at=now,
            status_to=TaskStatus.REQUESTED,
            actor=actor,
            actor_name=actor.get_username(),
            channel=Channel.CONSOLE,
            note=f"Sent with the person's consent, confirmed by {actor.get_username()}",
        )
        record_referral_audit(
            actor=actor,
            actor_name=actor.get_username(),
            organisation=referral.sending_organisation,
            referral=referral,
            action=AuditAction.REFERRED,
            page=page,
            detail=f"request {contact_request.reference} to {destination.name}; shares {referral.shared_items}",
        )
        token = "" if destination.receiving_organisation else secrets.token_urlsafe(32)
        queue_messages(provider_messages(referral, token))
        advance_request(actor=actor, contact_request=contact_request, status=Status.REFERRED_ON, page=page)
    return SentReferral(referral=referral, link_token=token)


# The open statuses in pathway order: assessing or referring moves a request on, never back
PATHWAY_ORDER = (Status.NEW, Status.CONTACT_ATTEMPTED, Status.IN_CONVERSATION, Status.ASSESSED, Status.REFERRED_ON)


def advance_request(*, actor: User, contact_request: ContactRequest, status: Status, page: str) -> None:
    """Move the request on to `status`, on its timeline, when it is earlier in the pathway; never move it back."""
    contact_request.refresh_from_db(fields=["status", "version"])
    if contact_request.status not in PATHWAY_ORDER[: PATHWAY_ORDER.index(status)]:
        return
    try:
        change_status(
            actor=actor, contact_request=contact_request, status=status, version=contact_request.version, page=page
        )
    except TriageConflict:
        # Someone changed the request this instant; their status stands and staff can move it by hand
        logger.info("Request %s changed while it was moved to %s", contact_request.reference, status)


def new_reference() -> str:
    while True:
        reference = "R" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        if not Referral.objects.filter(reference=reference).exists():
            return reference


def shared_summary(contact_request: ContactRequest, assessment: Assessment | None, items: Sequence[str]) -> str:
    """Exactly what the provider will see, written once when the referral is sent."""
    lines = []
    if SharedItem.NAME in items:
        lines.append(f"Name: {contact_request.name or 'not given'}")
    if SharedItem.CONTACT in items:
        lines.append(f"Phone: {contact_request.phone or 'not given'}")
        lines.append(f"E-mail: {contact_request.email or 'not given'}")
        if contact_request.safe_contact_notes:
            lines.append(f"Contacting them safely: {contact_request.safe_contact_notes}")
    if SharedItem.SELFCHECK in items:
        lines.append(f"Self-check summary: {contact_request.selfcheck_summary or 'none'}")
    if SharedItem.ASSESSMENT in items:
        level = assessment.confirmed_level or assessment.suggested_level if assessment else ""
        lines.append(f"Level of care: {in_english(LevelOfCare(level).label) if level else 'not assessed'}")
    if SharedItem.PAYMENT in items:
        payment = in_english(Payment(assessment.payment).label) if assessment and assessment.payment else "not known"
        lines.append(f"Payment: {payment}")
    return "\n".join(lines)


def provider_messages(referral: Referral, token: str) -> list[OutboundMessage]:
    context = {
        "reference": referral.reference,
        "sender": referral.sending_organisation.name,
        "due": format_moment(referral.response_due_at),
    }
    if token:
        link = ProviderLink.objects.create(
            referral=referral,
            token_hash=keyed_hash(token, purpose=LINK_PURPOSE),
            created_at=referral.created_at,
            expires_at=referral.created_at + datetime.timedelta(days=settings.REFERRAL_LINK_DAYS),
        )
        link_context = {
            **context,
            "destination": referral.destination_name,
            "link_url": reverse("treatment:provider_link", args=[token]),
            "expires": format_moment(link.expires_at),
            "team_contact": team_contact(),
        }
        return [email_to(referral.destination_email, "referral-link", link_context, referral.reference)]
    inbox = {**context, "inbox_url": reverse("treatment:inbox")}
    staff = User.objects.filter(memberships__organisation=referral.receiving_organisation).exclude(email="")
    return [email_to(user.email, "referral-received", inbox, referral.reference) for user in staff.order_by("pk")]


def email_to(recipient: str, template: str, context: dict[str, str], reference: str) -> OutboundMessage:
    return new_message(
        channel=MessageChannel.EMAIL, recipient=recipient, template=template, context=context, reference=reference
    )


def team_contact() -> str:
    return " or ".join(value for value in (settings.TEAM_PHONE, settings.TEAM_EMAIL) if value) or "the referring team"


def format_moment(moment: datetime.datetime) -> str:
    return dateformat.format(timezone.localtime(moment), "l j F Y, H:i")


def notify_person(referral: Referral) -> None:
    """A neutral message at the steps the person chose, by the way they allowed us to contact them."""
    template = PERSON_MESSAGES.get(TaskStatus(referral.status))
    if template is None or referral.status not in referral.person_updates.split(","):
        return
    contact_request = referral.contact_request
    if contact_request.can_email and contact_request.email:
        channel, recipient = MessageChannel.EMAIL, contact_request.email
    elif contact_request.can_text and contact_request.safe_to_text and (contact_request.phone or "").startswith("+"):
        channel, recipient = MessageChannel.SMS, contact_request.phone or ""
    else:
        return
    audience = audience_of(contact_request)
    with speaking_to(audience):  # the date and wording in the person's language (ADR 0046)
        intake = format_moment(referral.intake_at) if referral.intake_at else ""
        message = str(template).format(intake=intake)
    context = {"message": message, "reference": contact_request.reference, "service_name": settings.SITE_NAME}
    queue_messages(
        [
            new_message(
                channel=channel,
                recipient=recipient,
                template="referral-update",
                context=context,
                reference=contact_request.reference,
                audience=audience,
            )
        ]
    )


# --- The provider link ---


class LinkGone(Exception):
    """The link is unknown, used or expired: the page says whom to call."""


def link_for_token(token: str, *, now: datetime.datetime) -> ProviderLink:
    link = (
        ProviderLink.objects.select_related("referral", "referral__sending_organisation")
        .filter(token_hash=keyed_hash(token, purpose=LINK_PURPOSE))
        .first()
    )
    if link is None or link.used_at is not None or link.expires_at <= now:
        raise LinkGone("This link has been used or has expired")
    if link.referral.status in ENDED_STATUSES:
        raise LinkGone("This referral has ended, for example because the referring team cancelled it")
    return link


def record_link_view(*, link: ProviderLink, page: str) -> None:
    referral = link.referral
    with transaction.atomic():
        record_referral_audit(
            actor=None,
            actor_name=referral.destination_name[:150],
            organisation=referral.sending_organisation,
            referral=referral,
            action=AuditAction.OPENED_REFERRAL_LINK,
            page="/referral-link/…",
            detail=f"viewed by {referral.destination_email}"[:200],
        )


def answer_by_link(
    *,
    link: ProviderLink,
    new_status: str,
    answered_by: str,
    reason_code: str = "",
    reason: str = "",
    intake_at: datetime.datetime | None = None,
) -> Referral:
    """The provider's one answer: accept (and book an intake, if a date is given) or decline. Uses the link up."""
    now = timezone.now()
    referral = link.referral
    actor_name = f"{answered_by} ({referral.destination_name})"[:150]
    with transaction.atomic():
        used = ProviderLink.objects.filter(pk=link.pk, used_at__isnull=True, expires_at__gt=now).update(used_at=now)
        if used != 1:
            raise LinkGone("This link has been used or has expired")
        common = {"side": Side.PROVIDER, "channel": Channel.LINK, "actor": None, "actor_name": actor_name}
        page = "/referral-link/…"
        referral = move_referral(
            referral=referral,
            new_status=new_status,
            expected_version=referral.version,
            page=page,
            reason=reason,
            reason_code=reason_code,
            **common,  # type: ignore[arg-type]
        )
        if new_status == TaskStatus.ACCEPTED and intake_at is not None:
            referral = move_referral(
                referral=referral,
                new_status=TaskStatus.IN_PROGRESS,
                expected_version=referral.version,
                page=page,
                intake_at=intake_at,
                **common,  # type: ignore[arg-type]
            )
    return referral


# --- Timers ---

NOT_ANSWERED = (TaskStatus.REQUESTED, TaskStatus.RECEIVED)


@dataclass(frozen=True)
class TimerResult:
    overdue: int
    outcome_asked: int


def check_referral_timers(now: datetime.datetime) -> TimerResult:
    """Alert the sending team once about each unanswered referral past its due time, and ask once for the outcome
    of each intake date that passed without an update. Safe to run from several workers at once."""
    overdue = Referral.objects.filter(
        status__in=NOT_ANSWERED, response_due_at__lte=now, overdue_alerted_at__isnull=True
    ).select_related("sending_organisation")
    passed = Referral.objects.filter(
        status=TaskStatus.IN_PROGRESS, intake_at__lte=now, outcome_asked_at__isnull=True
    ).select_related("sending_organisation")
    alerted = sum(chase(referral, now, field="overdue_alerted_at") for referral in overdue[:500])
    asked = sum(chase(referral, now, field="outcome_asked_at") for referral in passed[:500])
    return TimerResult(overdue=alerted, outcome_asked=asked)


def chase(referral: Referral, now: datetime.datetime, *, field: str) -> bool:
    is_overdue = field == "overdue_alerted_at"
    note = (
        "No answer by the due time: the sending team was alerted"
        if is_overdue
        else "The intake date passed without an update: the sending team was asked what happened"
    )
    with transaction.atomic():
        changes: dict[str, object] = {field: now}
        if is_overdue:
            changes["business_status"] = "Overdue"
        if Referral.objects.filter(pk=referral.pk, **{f"{field}__isnull": True}).update(**changes) != 1:
            return False
        ReferralEvent.objects.create(
            referral=referral,
            at=now,
            status_from=referral.status,
            status_to=referral.status,
            actor=None,
            actor_name="Waypost",
            channel=Channel.SYSTEM,
            note=note,
        )
        if settings.TEAM_ALERT_EMAIL:
            context = {
                "reference": referral.reference,
                "destination": referral.destination_name,
                "referral_url": reverse("treatment:referral_detail", args=[referral.reference]),
            }
            if is_overdue:
                context["due"] = format_moment(referral.response_due_at)
            else:
                context["intake"] = format_moment(referral.intake_at or now)
            template = "referral-overdue" if is_overdue else "referral-outcome"
            queue_messages([email_to(settings.TEAM_ALERT_EMAIL, template, context, referral.reference)])
    return True


# --- Closing the request ---


def open_referrals_block_close(contact_request: ContactRequest) -> str | None:
    """The message that stops a request closing while any of its referrals has not ended; None when it may close."""
    if has_referrals_not_ended(contact_request.pk):
        return NO_END_MESSAGE
    return None


def run_referral_timers() -> TimerResult:
    """The worker's periodic call (notifications.worker.PERIODIC_TASKS) and `waypost check-referral-timers`."""
    result = check_referral_timers(timezone.now())
    if result.overdue or result.outcome_asked:
        logger.info("Referral timers: %s overdue alerted, %s outcomes asked", result.overdue, result.outcome_asked)
    return result


# Assessments (ADR 0024)

DIMENSIONS = tuple(dimension.value for dimension in Dimension)


class AssessmentConflict(Exception):
    """Someone else saved the assessment first; the message says what to do."""


class LevelDecisionRefused(ValueError):
    """The level of care cannot be decided yet, or an override has no reason."""


@dataclass(frozen=True)
class AssessmentAnswers:
    """What a clinician records; ratings and evidence are keyed by Dimension code."""

    ratings: Mapping[str, int | None]
    evidence: Mapping[str, str]
    other_substances: tuple[str, ...] = ()
    visible_blood_in_urine: str = ""
    pregnancy: str = ""
    caring_responsibilities: str = ""
    age_group: str = ""
    language: str = ""
    payment: str = ""
    insurer: str = ""
    member_number: str = ""
    benefits_check: str = BenefitsCheck.NOT_NEEDED
    benefits_outcome: str = ""


def apply_answers(assessment: Assessment, answers: AssessmentAnswers) -> None:
    for dimension in DIMENSIONS:
        setattr(assessment, f"{dimension}_rating", answers.ratings.get(dimension))
        setattr(assessment, f"{dimension}_evidence", answers.evidence.get(dimension, "").strip() or None)
    assessment.other_substances = ",".join(sorted(answers.other_substances)) or None
    assessment.visible_blood_in_urine = answers.visible_blood_in_urine or None
    assessment.pregnancy = answers.pregnancy or None
    assessment.caring_responsibilities = answers.caring_responsibilities or None
    assessment.age_group = answers.age_group
    assessment.language = answers.language
    assessment.payment = answers.payment
    # Insurer and member number are kept only while the person pays through private insurance
    is_insured = answers.payment == Payment.PRIVATE_INSURANCE
    assessment.insurer = answers.insurer.strip() or None if is_insured else None
    assessment.member_number = answers.member_number.strip() or None if is_insured else None
    assessment.benefits_check = answers.benefits_check
    assessment.benefits_outcome = answers.benefits_outcome.strip() or None


def clear_decision(assessment: Assessment) -> None:
    assessment.confirmed_level = ""
    assessment.override_reason = None
    assessment.confirmed_by = None
    assessment.confirmed_at = None


def locked_assessment(request: ContactRequest, expected_version: int) -> Assessment:
    """The request's assessment, locked for this transaction, or a new one; a stale version is a conflict."""
    assessment = Assessment.objects.select_for_update().filter(contact_request_id=request.pk).first()
    found_version = 0 if assessment is None else assessment.version
    if found_version != expected_version:
        raise AssessmentConflict("Someone else saved this assessment while you were working on it.")
    if assessment is None:
        # Staff only reach requests that belong to an organisation (triage.access)
        organisation_id = request.organisation_id or 0
        return Assessment(contact_request=request, organisation_id=organisation_id, created_at=timezone.now())
    return assessment


def save_version(assessment: Assessment, expected_version: int) -> None:
    assessment.version = expected_version + 1
    assessment.updated_at = timezone.now()
    try:
        # Two first saves racing: the one-to-one constraint lets one in, the other is told
        with transaction.atomic():
            assessment.save()
    except IntegrityError as error:
        raise AssessmentConflict("Someone else saved this assessment while you were working on it.") from error


def record_assessment(
    *, actor: User, request: ContactRequest, answers: AssessmentAnswers, expected_version: int, page: str
) -> Assessment:
    """Save the assessment and the rules' suggestion; a changed suggestion needs the clinician's decision again."""
    with transaction.atomic():
        assessment = locked_assessment(request, expected_version)
        apply_answers(assessment, answers)
        assessment.assessed_by = actor
        assessment.assessed_by_name = actor.get_username()
        suggestion = rules.suggest(findings_for(assessment, request))
        level = suggestion.level.value if suggestion.level is not None else ""
        if level != assessment.suggested_level:
            clear_decision(assessment)
        assessment.suggested_level = level
        assessment.suggested_reasons = "\n".join(suggestion.reasons)
        save_version(assessment, expected_version)
        record_audit(
            actor=actor,
            contact_request=request,
            action=AuditAction.ASSESSED,
            page=page,
            detail=f"suggested {level or 'none'}",
        )
        advance_request(actor=actor, contact_request=request, status=Status.ASSESSED, page=page)
    return assessment


def decide_level_of_care(
    *, actor: User, request: ContactRequest, level: str, reason: str, expected_version: int, page: str
) -> Assessment:
    """Confirm the suggested level, or choose another with a reason; either way audited."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().filter(contact_request_id=request.pk).first()
        if assessment is None or not assessment.suggested_level:
            raise LevelDecisionRefused("Rate the six areas and save the assessment first.")
        if assessment.version != expected_version:
            raise AssessmentConflict("Someone else saved this assessment while you were working on it.")
        is_override = level != assessment.suggested_level
        if is_override and not reason.strip():
            raise LevelDecisionRefused("Enter why you chose a different level of care.")
        assessment.confirmed_level = level
        assessment.override_reason = reason.strip() if is_override else None
        assessment.confirmed_by = actor
        assessment.confirmed_at = timezone.now()
        save_version(assessment, expected_version)
        action = AuditAction.OVERRODE_LEVEL if is_override else AuditAction.CONFIRMED_LEVEL
        detail = f"{assessment.suggested_level} -> {level}" if is_override else level
        record_audit(actor=actor, contact_request=request, action=action, page=page, detail=detail)
    return assessment
