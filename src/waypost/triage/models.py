"""The timeline of work on a request: every change, attempt and note, with who did it and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waypost.core.encryption import EncryptedTextField


class ActivityKind(models.TextChoices):
    CLAIMED = "claimed", _("Took the request")
    RELEASED = "released", _("Released the request")
    REASSIGNED = "reassigned", _("Reassigned the request")
    STATUS_CHANGED = "status-changed", _("Changed the status")
    CONTACT_ATTEMPT = "contact-attempt", _("Contact attempt")
    NOTE = "note", _("Note")
    MERGED = "merged", _("Merged a duplicate")
    CLOSED = "closed", _("Closed the request")
    FOLLOW_UP = "follow-up", _("Set a follow-up")


class AttemptChannel(models.TextChoices):
    CALL = "call", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")


class AttemptResult(models.TextChoices):
    SPOKE = "spoke", _("Spoke to them")
    LEFT_VOICEMAIL = "left-voicemail", _("Left a voicemail")
    NO_ANSWER = "no-answer", _("No answer")
    SENT = "sent", _("Message sent")
    WRONG_NUMBER = "wrong-number", _("Wrong number or address")


class Activity(models.Model):
    contact_request = models.ForeignKey("intake.ContactRequest", on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=24, choices=ActivityKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=150)
    status_from = models.CharField(max_length=24, blank=True)
    status_to = models.CharField(max_length=24, blank=True)
    channel = models.CharField(max_length=8, choices=AttemptChannel.choices, blank=True)
    result = models.CharField(max_length=24, choices=AttemptResult.choices, blank=True)
    note = EncryptedTextField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.actor_name}"
