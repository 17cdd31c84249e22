"""Writes to assessments and referrals. Each change, its event and its audit record are saved together."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.models import ContactRequest
from waypost.treatment import rules
from waypost.treatment.choices import BenefitsCheck, Channel, Dimension, Payment
from waypost.treatment.findings import findings_for
from waypost.treatment.lifecycle import Side, check_move
from waypost.treatment.models import Assessment, Referral, ReferralEvent
from waypost.triage.services import record_audit


class ReferralConflict(Exception):
    """Someone else changed the referral first; the message says what to do."""


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
    if new_status in {"rejected", "completed", "failed", "cancelled"}:
        changes["ended_at"] = now
    with transaction.atomic():
        updated = Referral.objects.filter(pk=referral.pk, version=expected_version, status=referral.status).update(
            **changes
        )
        if updated != 1:
            raise ReferralConflict("Someone else changed this referral while you were looking at it.")
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
        organisation = referral.sending_organisation if side is Side.SENDER else referral.receiving_organisation
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
            actor=actor, request=request, action=AuditAction.ASSESSED, page=page, detail=f"suggested {level or 'none'}"
        )
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
        record_audit(actor=actor, request=request, action=action, page=page, detail=detail)
    return assessment
