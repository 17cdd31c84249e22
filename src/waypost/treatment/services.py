"""Writes to assessments and referrals. Each change, its event and its audit record are saved together."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.treatment.choices import Channel
from waypost.treatment.lifecycle import Side, check_move
from waypost.treatment.models import Referral, ReferralEvent


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
