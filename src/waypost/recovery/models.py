"""A person in recovery support, how they sign in, their plan, their check-ins and the team's outreach tasks.

Everything that says anything about the person is encrypted; the contact's keyed hash finds them at sign-in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waypost.core.encryption import EncryptedTextField
from waypost.recovery.rules import Rhythm, Trigger


class ContactChannel(models.TextChoices):
    SMS = "sms", _("Text message")
    EMAIL = "email", _("E-mail")


class RhythmChoice(models.TextChoices):
    DAILY = Rhythm.DAILY.value, _("Every day")
    WEEKLY = Rhythm.WEEKLY.value, _("Once a week")


class TriggerChoice(models.TextChoices):
    HELP_NOW = Trigger.HELP_NOW.value, _("Asked for help now")
    RED_FLAG = Trigger.RED_FLAG.value, _("A warning sign in a check-in")
    USE_AFTER_NO_USE_RUN = Trigger.USE_AFTER_NO_USE_RUN.value, _("Used after a run without")
    HIGH_CRAVING_TWICE = Trigger.HIGH_CRAVING_TWICE.value, _("Strong cravings twice")
    QUIET = Trigger.QUIET.value, _("Gone quiet")


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def active(self) -> EnrolmentQuerySet:
        return self.filter(ended_at__isnull=True)

    def for_organisations(self, organisation_ids: list[int]) -> EnrolmentQuerySet:
        return self.filter(organisation_id__in=organisation_ids)


class Enrolment(models.Model):
    """One person in recovery support with one organisation's care team."""

    reference = models.CharField(max_length=9, unique=True)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    contact_channel = models.CharField(max_length=8, choices=ContactChannel.choices)
    contact = EncryptedTextField()
    contact_hash = models.CharField(max_length=64, db_index=True)
    shares_with_care_team = models.BooleanField(default=False)
    rhythm = models.CharField(max_length=8, choices=RhythmChoice.choices, default=RhythmChoice.DAILY)
    created_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_check_in_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    # A long random phrase to sign in with, for people who share a phone number; only its keyed hash is kept
    phrase_hash = models.CharField(max_length=64, blank=True, db_index=True)

    # Reminders: off while remind_at is empty; the wording is the person's own, so it is encrypted
    remind_at = models.TimeField(null=True, blank=True)
    reminder_wording = EncryptedTextField(blank=True, default="")
    quiet_from = models.TimeField(null=True, blank=True)
    quiet_until = models.TimeField(null=True, blank=True)
    last_reminded_on = models.DateField(null=True, blank=True)
    # The keyed hash of the token in each reminder's "stop" link, so one click stops them without signing in
    reminder_stop_hash = models.CharField(max_length=64, blank=True, db_index=True)

    # The language and region of the address they last signed in from, so later codes and reminders match it;
    # an empty region is the deployment's default (ADR 0048)
    language = models.CharField(max_length=8, default="en-gb", db_default="en-gb")
    region = models.CharField(max_length=4, blank=True, default="", db_default="")

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["organisation", "ended_at"], name="recovery_enrolment_org_idx")]

    def __str__(self) -> str:
        return self.reference


class SignInCode(models.Model):
    """A one-time code: only its keyed hash is kept; it dies when used, expired or guessed wrong five times."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="sign_in_codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    wrong_attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["enrolment", "created_at"], name="recovery_code_enrolment_idx")]

    def __str__(self) -> str:
        return f"Sign-in code for {self.enrolment_id}"


class AccessToken(models.Model):
    """A bearer token for the phone-app API: only its keyed hash is kept; it ends at expires_at or on deletion."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="access_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Access token for {self.enrolment_id}"


class Plan(models.Model):
    """The relapse-prevention plan in the person's own words: a JSON object of section → text, encrypted."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="plan")
    sections = EncryptedTextField()
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Plan of {self.enrolment_id}"


class CheckIn(models.Model):
    """One check-in, kept as the FHIR QuestionnaireResponse the person gave, encrypted."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="check_ins")
    submitted_at = models.DateTimeField()
    response = EncryptedTextField()

    class Meta:
        indexes = [models.Index(fields=["enrolment", "submitted_at"], name="recovery_checkin_idx")]

    def __str__(self) -> str:
        return f"Check-in {self.pk} of {self.enrolment_id}"


class OutreachTaskQuerySet(models.QuerySet["OutreachTask"]):
    def open(self) -> OutreachTaskQuerySet:
        return self.filter(closed_at__isnull=True)

    def by_risk(self) -> OutreachTaskQuerySet:
        return self.order_by("risk", "created_at", "pk")


class OutreachTask(models.Model):
    """A task in the care team's queue: reach out to this person, for this reason."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="outreach_tasks")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    trigger = models.CharField(max_length=24, choices=TriggerChoice.choices)
    risk = models.PositiveSmallIntegerField()
    # The reason can name a symptom, so it is encrypted like every other health detail
    reason = EncryptedTextField()
    # What the reason was made from (JSON), to word it in the reader's language; empty on tasks made before it
    reason_details = EncryptedTextField(null=True, blank=True)
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = OutreachTaskQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["organisation", "closed_at", "risk"], name="recovery_outreach_queue_idx")]

    def __str__(self) -> str:
        return f"{self.trigger} for {self.enrolment_id}"
