"""The outbox's state changes, safe with several workers on one database.

Every change is a conditional UPDATE naming the state and claim it expects, so two workers can never both move
one row. On PostgreSQL the claim also skips rows another worker has locked (SELECT … FOR UPDATE SKIP LOCKED), so
workers do not queue behind each other. A worker calls these outside any transaction: "sending" must be
committed before the provider is called, or a crash would leave no trace of the attempt (docs/adr/0007).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from waypost.notifications.models import OutboundMessage, OutboundMessageQuerySet, Status

INTERRUPTED_SEND_NOTE = "The worker stopped while sending this message; check whether it arrived before resending."
UNREADABLE_NOTE = "No configured encryption key opens this message, so it cannot be sent."
LARGEST_BACK_OFF_EXPONENT = 40  # keeps the arithmetic finite whatever the number of attempts


@dataclass(frozen=True)
class OutboxPolicy:
    max_attempts: int
    first_retry: timedelta
    longest_retry: timedelta
    # How long a claim or a send may take before another worker treats its worker as gone
    lease: timedelta

    @classmethod
    def from_settings(cls) -> OutboxPolicy:
        return cls(
            max_attempts=settings.OUTBOX_MAX_ATTEMPTS,
            first_retry=timedelta(seconds=settings.OUTBOX_FIRST_RETRY_SECONDS),
            longest_retry=timedelta(seconds=settings.OUTBOX_LONGEST_RETRY_SECONDS),
            lease=timedelta(seconds=settings.OUTBOX_LEASE_SECONDS),
        )

    def retry_delay(self, attempts: int) -> timedelta:
        """Doubles after each failed attempt, up to the longest wait."""
        doubling: int = 2 ** min(max(attempts - 1, 0), LARGEST_BACK_OFF_EXPONENT)
        return min(self.first_retry * doubling, self.longest_retry)


@dataclass(frozen=True)
class Claim:
    token: str
    message_ids: list[int]


def claim_due_messages(*, batch_size: int, lease: timedelta) -> Claim:
    now = timezone.now()
    token = secrets.token_hex(16)
    with transaction.atomic():
        candidates = OutboundMessage.objects.claimable(now).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        candidate_ids = list(candidates.values_list("pk", flat=True)[:batch_size])
        # The same condition again: the one of two racing workers that updates second changes nothing
        OutboundMessage.objects.claimable(now).filter(pk__in=candidate_ids).update(
            status=Status.CLAIMED, claim_token=token, claim_expires_at=now + lease
        )
        claimed = OutboundMessage.objects.filter(claim_token=token, status=Status.CLAIMED)
        return Claim(token, list(claimed.order_by("next_attempt_at", "pk").values_list("pk", flat=True)))


def mark_sending(message_id: int, *, token: str, lease: timedelta) -> bool:
    """Record that a send is starting; False if the claim was lost (its lease ran out and another took it)."""
    now = timezone.now()
    updated = OutboundMessage.objects.filter(pk=message_id, status=Status.CLAIMED, claim_token=token).update(
        status=Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=now, claim_expires_at=now + lease
    )
    return updated == 1


def record_sent(message_id: int, *, token: str, provider_id: str) -> bool:
    return bool(
        owned(message_id, token).update(
            status=Status.SENT,
            provider_id=provider_id[:255],
            sent_at=timezone.now(),
            last_error="",
            claim_token="",
            claim_expires_at=None,
        )
    )


def record_failure(message_id: int, *, token: str, detail: str, is_final: bool, retry_in: timedelta) -> bool:
    now = timezone.now()
    status = Status.FAILED if is_final else Status.QUEUED
    return bool(
        owned(message_id, token).update(
            status=status, next_attempt_at=now + retry_in, last_error=detail, claim_token="", claim_expires_at=None
        )
    )


def record_unknown_outcome(message_id: int, *, token: str, detail: str) -> bool:
    # The claim token stays, so this worker can still record the outcome if it learns it
    return bool(owned(message_id, token).update(status=Status.UNCERTAIN, last_error=detail))


def record_unreadable(message_id: int, *, token: str) -> bool:
    return record_failure(message_id, token=token, detail=UNREADABLE_NOTE, is_final=True, retry_in=timedelta(0))


def mark_interrupted_sends_uncertain() -> int:
    """Sends whose worker died before recording the outcome: never resent automatically, so never sent twice."""
    return OutboundMessage.objects.interrupted(timezone.now()).update(
        status=Status.UNCERTAIN, last_error=INTERRUPTED_SEND_NOTE
    )


def release_claims(token: str) -> int:
    """Rows claimed but not reached (the worker is stopping) go straight back to the queue."""
    return OutboundMessage.objects.filter(claim_token=token, status=Status.CLAIMED).update(
        status=Status.QUEUED, claim_token="", claim_expires_at=None
    )


def owned(message_id: int, token: str) -> OutboundMessageQuerySet:
    """The row, only while this claim still holds it."""
    held = (Status.CLAIMED, Status.SENDING, Status.UNCERTAIN)
    return OutboundMessage.objects.filter(pk=message_id, claim_token=token, status__in=held)
