"""Writes made by the FHIR API itself: the audit of what an API client read (its changes go through
treatment.services.move_referral, which audits them)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from waypost.accounts.models import ApiClient
from waypost.core.audit import AuditAction, AuditEvent
from waypost.treatment.models import Referral


def api_actor_name(client: ApiClient) -> str:
    return f"API client {client.name}"[:150]


def record_api_views(*, client: ApiClient, referrals: Sequence[Referral], page: str, resource_type: str) -> None:
    """One VIEWED_REFERRAL row per referral shown, so the audit log names every one an API client saw."""
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        AuditEvent(
            at=now,
            actor=None,
            actor_name=api_actor_name(client),
            organisation_id=client.organisation_id,
            action=AuditAction.VIEWED_REFERRAL,
            request_reference=referral.reference,
            page=page[:200],
            detail=f"FHIR {resource_type} (API client {client.pk})"[:200],
        )
        for referral in referrals
    )
