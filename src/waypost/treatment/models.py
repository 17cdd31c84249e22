"""Assessments of contact requests and the referrals that send people to services (ADR 0024).

Personal and health details are encrypted at rest; codes that the rules, filters and reports need stay plain.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from waypost.core.encryption import EncryptedTextField
from waypost.treatment.choices import (
    BenefitsCheck,
    Channel,
    LevelOfCare,
    Payment,
    Pregnancy,
    Rating,
    ReasonCode,
    TaskStatus,
)


def rating_field() -> models.PositiveSmallIntegerField[int | None, int | None]:
    return models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)


class Assessment(models.Model):
    """One structured assessment per contact request, kept up to date by clinicians."""

    contact_request = models.OneToOneField("intake.ContactRequest", on_delete=models.CASCADE, related_name="assessment")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assessed_by_name = models.CharField(max_length=150)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=0)

    # The six dimensions: a rating each, with the evidence behind it
    withdrawal_rating = rating_field()
    withdrawal_evidence = EncryptedTextField(null=True, blank=True)
    physical_rating = rating_field()
    physical_evidence = EncryptedTextField(null=True, blank=True)
    mental_rating = rating_field()
    mental_evidence = EncryptedTextField(null=True, blank=True)
    readiness_rating = rating_field()
    readiness_evidence = EncryptedTextField(null=True, blank=True)
    relapse_rating = rating_field()
    relapse_evidence = EncryptedTextField(null=True, blank=True)
    environment_rating = rating_field()
    environment_evidence = EncryptedTextField(null=True, blank=True)

    # Findings the rules read, encrypted: comma-separated Substance codes, and yes/no facts as "yes"/"no"
    other_substances = EncryptedTextField(null=True, blank=True)
    visible_blood_in_urine = EncryptedTextField(null=True, blank=True)
    pregnancy = EncryptedTextField(null=True, blank=True, choices=Pregnancy.choices)
    caring_responsibilities = EncryptedTextField(null=True, blank=True)
    age_group = models.CharField(max_length=16, blank=True)  # a directory AGE_GROUPS code
    language = models.CharField(max_length=8, blank=True)  # a directory LANGUAGES code

    payment = models.CharField(max_length=24, choices=Payment.choices, blank=True)
    insurer = EncryptedTextField(null=True, blank=True)
    member_number = EncryptedTextField(null=True, blank=True)
    benefits_check = models.CharField(max_length=16, choices=BenefitsCheck.choices, default=BenefitsCheck.NOT_NEEDED)
    benefits_outcome = EncryptedTextField(null=True, blank=True)

    # The rules' suggestion when it was last worked out, and the clinician's decision on it
    suggested_level = models.CharField(max_length=24, choices=LevelOfCare.choices, blank=True)
    suggested_reasons = EncryptedTextField(null=True, blank=True)  # one reason per line
    confirmed_level = models.CharField(max_length=24, choices=LevelOfCare.choices, blank=True)
    override_reason = EncryptedTextField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Assessment of request {self.contact_request_id}"


class ProviderProfile(models.Model):
    """A treatment provider that works on this Waypost, and the directory listing that describes its care."""

    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.CASCADE, related_name="provider")
    service = models.ForeignKey("directory.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return f"Provider profile of {self.organisation_id}"


class Referral(models.Model):
    """Sending a person to a service: a FHIR ServiceRequest, tracked by a Task through its life cycle."""

    reference = models.CharField(max_length=16, unique=True)
    contact_request = models.ForeignKey("intake.ContactRequest", on_delete=models.CASCADE, related_name="referrals")
    sending_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="sent_referrals"
    )
    # A provider on this Waypost works the referral in its console; any other provider through a link by e-mail
    receiving_organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="received_referrals"
    )
    service = models.ForeignKey("directory.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    destination_name = models.CharField(max_length=300)
    destination_email = models.CharField(max_length=254, blank=True)
    level_of_care = models.CharField(max_length=24, choices=LevelOfCare.choices, blank=True)
    care_type = models.CharField(max_length=32, blank=True)  # a directory CARE_TYPES code

    status = models.CharField(max_length=16, choices=TaskStatus.choices, default=TaskStatus.REQUESTED)
    reason_code = models.CharField(max_length=20, choices=ReasonCode.choices, blank=True)
    status_reason = EncryptedTextField(null=True, blank=True)
    business_status = models.CharField(max_length=100, blank=True)
    intake_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    # Consent, recorded per referral: when, which SharedItem codes (comma-separated), and exactly what was sent
    consented_at = models.DateTimeField()
    shared_items = models.CharField(max_length=100)
    shared_summary = EncryptedTextField(null=True, blank=True)
    # TaskStatus codes at which the person asked to hear from us (comma-separated)
    person_updates = models.CharField(max_length=100, blank=True)

    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField()
    # Timers: when the provider should have answered, and when we last chased an answer or an outcome
    response_due_at = models.DateTimeField()
    overdue_alerted_at = models.DateTimeField(null=True, blank=True)
    outcome_asked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["receiving_organisation", "status"], name="treatment_inbox_idx"),
            models.Index(fields=["sending_organisation", "status"], name="treatment_sent_idx"),
            models.Index(fields=["status", "response_due_at"], name="treatment_due_idx"),
        ]

    def __str__(self) -> str:
        return f"Referral {self.reference}"


class ReferralEvent(models.Model):
    """One step in a referral's life, seen by both sides."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    status_from = models.CharField(max_length=16, choices=TaskStatus.choices, blank=True)
    status_to = models.CharField(max_length=16, choices=TaskStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=150)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    note = EncryptedTextField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.status_from} -> {self.status_to}"


class ProviderLink(models.Model):
    """A single-use, expiring link that lets a provider not on Waypost answer a referral. Only a hash is kept."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Link for referral {self.referral_id}"
