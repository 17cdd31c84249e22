from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import models

from waypost.core.encryption import EncryptedTextField
from waypost.core.helplines import Region
from waypost.core.regions import default_region
from waypost.intake.choices import OPEN_STATUSES, ForWhom, Outcome, PersonKnows, Relationship, Source, Status

REFERENCE_LENGTH = 9  # "ABCD-2345"
ENGLISH = "en-gb"  # what requests from before the language was kept were written in


class ContactRequestQuerySet(models.QuerySet["ContactRequest"]):
    """Named scopes for reading contact requests; staff code starts from the scoped getter in triage/access.py."""

    def for_organisations(self, organisation_ids: Iterable[int]) -> ContactRequestQuerySet:
        return self.filter(organisation_id__in=list(organisation_ids))

    def open(self) -> ContactRequestQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def closed_before(self, moment: datetime.datetime) -> ContactRequestQuerySet:
        return self.filter(status=Status.CLOSED, closed_at__lt=moment)

    def same_contact_as(self, contact_request: ContactRequest) -> ContactRequestQuerySet:
        """Other requests with the same phone or e-mail, matched by keyed hash; none if it has neither."""
        matches = models.Q()
        if contact_request.phone_hash:
            matches |= models.Q(phone_hash=contact_request.phone_hash)
        if contact_request.email_hash:
            matches |= models.Q(email_hash=contact_request.email_hash)
        if not matches:
            return self.none()
        return self.filter(matches).exclude(pk=contact_request.pk)


class ContactRequest(models.Model):
    """A person's request to be contacted. Personal fields are encrypted; the hashes find repeats."""

    reference = models.CharField(max_length=REFERENCE_LENGTH, unique=True)
    created_at = models.DateTimeField()
    source = models.CharField(max_length=8, choices=Source.choices)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.NEW)
    closed_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    # Triage: whose queue, who has it, how far it got; `version` turns a stale form into a clear conflict
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="contact_requests"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_requests"
    )
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=0)
    # A follow-up ("call again Tuesday after 6 pm") brings the request back to the top of the queue when due
    follow_up_at = models.DateTimeField(null=True, blank=True)
    follow_up_note = EncryptedTextField(null=True, blank=True)

    for_whom = models.CharField(max_length=16, choices=ForWhom.choices, blank=True)
    relationship = models.CharField(max_length=16, choices=Relationship.choices, blank=True)
    person_knows = models.CharField(max_length=16, choices=PersonKnows.choices, blank=True)

    can_call = models.BooleanField(default=False)
    can_text = models.BooleanField(default=False)
    can_email = models.BooleanField(default=False)
    phone = EncryptedTextField(null=True, blank=True)
    email = EncryptedTextField(null=True, blank=True)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True)
    email_hash = models.CharField(max_length=64, blank=True, db_index=True)

    best_times = models.JSONField(default=list)
    voicemail_ok = models.BooleanField(null=True)
    safe_to_text = models.BooleanField(null=True)
    safe_contact_notes = EncryptedTextField(null=True, blank=True)
    name = EncryptedTextField(null=True, blank=True)
    region = EncryptedTextField(null=True, blank=True)
    help_with = EncryptedTextField(null=True, blank=True)
    selfcheck_summary = EncryptedTextField(null=True, blank=True)
    has_red_flag = models.BooleanField(default=False)

    consented_at = models.DateTimeField(null=True, blank=True)
    consent_version = models.CharField(max_length=16, blank=True)

    # The address the person used: every message to them is in this language, with this region's numbers (ADR 0046)
    language = models.CharField(max_length=8, default=ENGLISH, db_default=ENGLISH)
    # "uk" or "us"; blank on rows from before it was kept, which mean the deployment's default region
    site_region = models.CharField(max_length=8, blank=True, default="", db_default="")

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["status", "closed_at"], name="referrals_closed_idx"),
            models.Index(fields=["organisation", "status", "has_red_flag", "created_at"], name="referrals_queue_idx"),
            models.Index(fields=["organisation", "follow_up_at"], name="intake_follow_up_idx"),
            models.Index(fields=["organisation", "assigned_to", "status"], name="intake_owner_idx"),
            models.Index(fields=["organisation", "outcome", "closed_at"], name="intake_outcome_idx"),
            models.Index(fields=["organisation", "created_at"], name="intake_received_idx"),
            # The queue's order within due follow-ups and within the rest, open requests only (ADR 0031, 0034)
            models.Index(
                fields=["organisation", "-has_red_flag", "created_at", "id"],
                name="intake_open_queue_idx",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def person_region(self) -> Region:
        """The region of the address the person used; a request from before it was kept has the default one."""
        return Region(self.site_region) if self.site_region else default_region()


class IdempotencyRecord(models.Model):
    """One API submission per Idempotency-Key: the key, and the body with the client, kept only as keyed hashes."""

    key_hash = models.CharField(max_length=64, unique=True)
    # Of the client's address and the body together: a retry must match both to be told the reference
    body_hash = models.CharField(max_length=64)
    contact_request = models.ForeignKey(ContactRequest, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Idempotency record for {self.contact_request_id}"


class ContactDraft(models.Model):
    """A web journey in progress: its answers, encrypted, until sent or 30 minutes without activity."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answers = EncryptedTextField()
    updated_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Draft {self.pk}"


class RateLimitWindow(models.Model):
    """How many requests one client sent in one clock hour, keyed by a keyed hash of its address, never the address.

    One row per client and hour, incremented in a single statement: constant work however busy the client is,
    and two simultaneous requests cannot both slip under the limit.
    """

    client_hash = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client_hash", "window_start"], name="referrals_ratelimit_window_unique")
        ]

    def __str__(self) -> str:
        return f"{self.attempts} attempts in the hour from {self.window_start:%Y-%m-%d %H:%M}"
