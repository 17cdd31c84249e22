"""Conversations by web chat and SMS, their numbered messages, and the numbers that texted STOP.

Names, phone numbers and message bodies are encrypted; a phone number is matched by its keyed hash only.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from waypost.core.encryption import EncryptedTextField


class Channel(models.TextChoices):
    WEB = "web", _("Web chat")
    SMS = "sms", _("Text message")


class ConversationStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for someone to take it")
    ACTIVE = "active", _("Taken")
    ENDED = "ended", _("Ended")


class Outcome(models.TextChoices):
    SUPPORTED = "supported", _("Support given in the conversation")
    CONTACT_REQUEST = "contact-request", _("A contact request was made")
    SIGNPOSTED = "signposted", _("Signposted to another service")
    NO_REPLY = "no-reply", _("The person stopped replying")
    ENDED_BY_PERSON = "ended-by-person", _("The person ended the chat")
    OPTED_OUT = "opted-out", _("The person texted STOP")


# Outcomes a member of staff may choose; the others are recorded by the person's own action
STAFF_OUTCOMES = (Outcome.SUPPORTED, Outcome.CONTACT_REQUEST, Outcome.SIGNPOSTED, Outcome.NO_REPLY)
OPEN_STATUSES = (ConversationStatus.WAITING, ConversationStatus.ACTIVE)


class Sender(models.TextChoices):
    PERSON = "person", _("The person")
    STAFF = "staff", _("Staff")
    SYSTEM = "system", _("Automatic")


class ConversationQuerySet(models.QuerySet["Conversation"]):
    def for_organisations(self, organisation_ids: frozenset[int]) -> ConversationQuerySet:
        return self.filter(organisation_id__in=list(organisation_ids))

    def open(self) -> ConversationQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class Conversation(models.Model):
    # The person's and the staff's URLs name this random id, never the row number
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=16, unique=True)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=ConversationStatus.choices, default=ConversationStatus.WAITING)
    first_name = EncryptedTextField(null=True, blank=True)
    phone = EncryptedTextField(null=True, blank=True)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True)
    has_red_flag = models.BooleanField(default=False)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    started_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Since when the person's last message has waited for a staff answer; empty once answered (rules.is_overdue)
    awaiting_reply_since = models.DateTimeField(null=True, blank=True)
    last_sequence = models.PositiveIntegerField(default=0)
    # Set when erased on the person's request: only the reference and the dates are left
    erased_at = models.DateTimeField(null=True, blank=True)
    # The contact request made from this conversation, so neither the person nor the team has to retell it
    contact_request = models.ForeignKey(
        "intake.ContactRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The language of the address a web chat started from, so staff know to answer in it; texts stay English
    language = models.CharField(max_length=8, default="en-gb", db_default="en-gb")

    objects = ConversationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(
                fields=["organisation", "status", "-has_red_flag", "started_at"], name="conversation_inbox_idx"
            ),
            models.Index(fields=["status", "ended_at"], name="conversation_ended_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="conversation_channel_known"),
            models.CheckConstraint(
                condition=~Q(status=ConversationStatus.ENDED) | Q(ended_at__isnull=False),
                name="conversation_ended_has_ended_at",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def outbox_reference(self) -> str:
        """What the outbox files this conversation's texts under, so they can be found and cancelled."""
        return f"conversation-{self.reference}"


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    # 1, 2, 3 … within the conversation: a browser asks for the ones after the last it has, so none is lost or repeated
    sequence = models.PositiveIntegerField()
    sender = models.CharField(max_length=8, choices=Sender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = EncryptedTextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["conversation", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "sequence"], name="conversation_message_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id} #{self.sequence}"


class SmsOptOut(models.Model):
    """A number that texted STOP: no SMS goes to it from any part of Waypost until it texts START (H-071)."""

    phone_hash = models.CharField(max_length=64, unique=True)
    opted_out_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Opt-out {self.phone_hash[:8]}"


class CannedReply(models.Model):
    """A reply an organisation's team uses often; a staff member picks it and edits it before sending."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=80)
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["organisation", "title", "pk"]

    def __str__(self) -> str:
        return self.title
