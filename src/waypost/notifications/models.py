"""The outbox: one row per e-mail or SMS, written in the transaction that caused it, delivered by `waypost worker`.

A row moves queued → claimed → sending → sent. A failed attempt goes back to queued with a later
`next_attempt_at`, or to failed after the last attempt. A row still "sending" after its lease ran out means a
worker stopped mid-send: it becomes "uncertain" and is never re-sent automatically (docs/adr/0007). Erasing a
person's details cancels their messages that have not been sent.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from waypost.core.encryption import EncryptedTextField


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    SMS = "sms", "SMS"


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    CLAIMED = "claimed", "Claimed by a worker"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    UNCERTAIN = "uncertain", "May or may not have arrived"
    CANCELLED = "cancelled", "Cancelled: its details were erased before it was sent"


class OutboundMessageQuerySet(models.QuerySet["OutboundMessage"]):
    def claimable(self, now: datetime) -> Self:
        """Due rows, and rows whose worker died after claiming them but before any send began."""
        is_due = Q(status=Status.QUEUED, next_attempt_at__lte=now)
        has_abandoned_claim = Q(status=Status.CLAIMED, claim_expires_at__lt=now)
        return self.filter(is_due | has_abandoned_claim)

    def interrupted(self, now: datetime) -> Self:
        """Rows whose send began but whose worker never recorded the outcome before its lease ran out."""
        return self.filter(status=Status.SENDING, claim_expires_at__lt=now)

    def needing_attention(self) -> Self:
        """Uncertain or failed rows no person has resent or marked handled yet."""
        return self.filter(status__in=(Status.UNCERTAIN, Status.FAILED), handled_at__isnull=True)


class OutboundMessage(models.Model):
    channel = models.CharField(max_length=8, choices=Channel.choices)
    template = models.CharField(max_length=64)
    # The caller's own reference (e.g. a contact request's code), so staff can find a request's messages
    reference = models.CharField(max_length=64, blank=True, db_index=True)
    recipient = EncryptedTextField()
    subject = EncryptedTextField(blank=True)
    body = EncryptedTextField()
    # Stays the same across attempts: the e-mail Message-ID and the demo file name are built from it
    delivery_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claim_token = models.CharField(max_length=32, blank=True, db_index=True)
    claim_expires_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    provider_id = models.CharField(max_length=255, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Provider errors can quote the recipient's address, so they are encrypted too
    last_error = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # A person dealt with an uncertain or failed row (resent a copy, or checked it another way): it leaves the list
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    purged_at = models.DateTimeField(null=True, blank=True)

    objects = OutboundMessageQuerySet.as_manager()

    class Meta:
        indexes = (models.Index(fields=["status", "next_attempt_at"], name="outbox_status_due_idx"),)
        constraints = (
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="outbox_channel_known"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="outbox_status_known"),
            models.CheckConstraint(
                condition=~Q(status=Status.SENT) | Q(sent_at__isnull=False), name="outbox_sent_has_sent_at"
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.template} #{self.pk} ({self.status})"
