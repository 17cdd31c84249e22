"""The append-only audit log: who viewed or changed which request, when, and from which page.

Services write it explicitly, inside their own transaction (never through signals), so a change and its
audit record are saved together or not at all.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    VIEWED_REQUEST = "viewed-request", "Viewed a request"
    VIEWED_CONTACT_DETAILS = "viewed-contact-details", "Viewed contact details"
    CLAIMED = "claimed", "Took a request"
    RELEASED = "released", "Released a request"
    REASSIGNED = "reassigned", "Reassigned a request"
    CHANGED_STATUS = "changed-status", "Changed the status"
    LOGGED_ATTEMPT = "logged-attempt", "Logged a contact attempt"
    ADDED_NOTE = "added-note", "Added a note"
    CLOSED = "closed", "Closed a request"
    MERGED = "merged", "Merged a duplicate"
    ERASED = "erased", "Erased personal details"
    EXPORTED_AUDIT = "exported-audit", "Exported the audit log"
    APPLIED_RETENTION = "applied-retention", "Deleted requests past the retention period"
    SET_FOLLOW_UP = "set-follow-up", "Set a follow-up"
    ASSESSED = "assessed", "Recorded an assessment"
    CONFIRMED_LEVEL = "confirmed-level", "Confirmed the level of care"
    OVERRODE_LEVEL = "overrode-level", "Overrode the suggested level of care"
    REFERRED = "referred", "Sent a referral"
    VIEWED_REFERRAL = "viewed-referral", "Viewed a referral"
    UPDATED_REFERRAL = "updated-referral", "Changed a referral's status"
    OPENED_REFERRAL_LINK = "opened-referral-link", "Opened a referral link"
    CREATED_API_CLIENT = "created-api-client", "Created an API client"
    RESENT_MESSAGE = "resent-message", "Resent a message"
    RESOLVED_MESSAGE = "resolved-message", "Marked a message as handled"
    ENROLLED_RECOVERY = "enrolled-recovery", "Invited someone to recovery support"
    VIEWED_RECOVERY = "viewed-recovery", "Viewed recovery support check-ins"
    ENDED_RECOVERY = "ended-recovery", "Ended recovery support"
    CLOSED_OUTREACH = "closed-outreach", "Closed an outreach task"
    VIEWED_CONVERSATION = "viewed-conversation", "Viewed a conversation"
    TOOK_CONVERSATION = "took-conversation", "Took a conversation"
    REPLIED_IN_CONVERSATION = "replied-conversation", "Replied in a conversation"
    ENDED_CONVERSATION = "ended-conversation", "Ended a conversation"
    TRANSFERRED_CONVERSATION = "transferred-conversation", "Gave a conversation to a colleague"
    CONVERSATION_TO_REQUEST = "conversation-to-request", "Made a contact request from a conversation"
    ERASED_CONVERSATION = "erased-conversation", "Erased a conversation"


class AppendOnlyError(RuntimeError):
    """Audit records are never changed or deleted."""


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=150)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    request_reference = models.CharField(max_length=16, blank=True, db_index=True)
    page = models.CharField(max_length=200, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "at"], name="core_audit_organisation_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.request_reference}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit records cannot be deleted.")
