"""The audit log's actions in the console's language.

The stored action codes and core's English labels stay as they are (the CSV export and the records keep them);
this is only what a supervisor reads on the audit log page (docs/adr/0047).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from waypost.core.audit import AuditAction

ACTION_LABELS: Mapping[str, Promise] = {
    AuditAction.VIEWED_REQUEST: _("Viewed a request"),
    AuditAction.VIEWED_CONTACT_DETAILS: _("Viewed contact details"),
    AuditAction.CLAIMED: _("Took a request"),
    AuditAction.RELEASED: _("Released a request"),
    AuditAction.REASSIGNED: _("Reassigned a request"),
    AuditAction.CHANGED_STATUS: _("Changed the status"),
    AuditAction.LOGGED_ATTEMPT: _("Logged a contact attempt"),
    AuditAction.ADDED_NOTE: _("Added a note"),
    AuditAction.CLOSED: _("Closed a request"),
    AuditAction.MERGED: _("Merged a duplicate"),
    AuditAction.ERASED: _("Erased personal details"),
    AuditAction.EXPORTED_AUDIT: _("Exported the audit log"),
    AuditAction.APPLIED_RETENTION: _("Deleted requests past the retention period"),
    AuditAction.SET_FOLLOW_UP: _("Set a follow-up"),
    AuditAction.ASSESSED: _("Recorded an assessment"),
    AuditAction.CONFIRMED_LEVEL: _("Confirmed the level of care"),
    AuditAction.OVERRODE_LEVEL: _("Overrode the suggested level of care"),
    AuditAction.REFERRED: _("Sent a referral"),
    AuditAction.VIEWED_REFERRAL: _("Viewed a referral"),
    AuditAction.UPDATED_REFERRAL: _("Changed a referral's status"),
    AuditAction.OPENED_REFERRAL_LINK: _("Opened a referral link"),
    AuditAction.CREATED_API_CLIENT: _("Created an API client"),
    AuditAction.RESENT_MESSAGE: _("Resent a message"),
    AuditAction.RESOLVED_MESSAGE: _("Marked a message as handled"),
    AuditAction.ENROLLED_RECOVERY: _("Invited someone to recovery support"),
    AuditAction.VIEWED_RECOVERY: _("Viewed recovery support check-ins"),
    AuditAction.ENDED_RECOVERY: _("Ended recovery support"),
    AuditAction.CLOSED_OUTREACH: _("Closed an outreach task"),
    AuditAction.VIEWED_CONVERSATION: _("Viewed a conversation"),
    AuditAction.TOOK_CONVERSATION: _("Took a conversation"),
    AuditAction.REPLIED_IN_CONVERSATION: _("Replied in a conversation"),
    AuditAction.ENDED_CONVERSATION: _("Ended a conversation"),
    AuditAction.TRANSFERRED_CONVERSATION: _("Gave a conversation to a colleague"),
    AuditAction.CONVERSATION_TO_REQUEST: _("Made a contact request from a conversation"),
    AuditAction.ERASED_CONVERSATION: _("Erased a conversation"),
}


def action_label(action: str) -> str:
    """An action in words; a code this version does not know is shown as it is, never dropped."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def audit_action_choices() -> list[tuple[str, str]]:
    return [(action.value, action_label(action.value)) for action in AuditAction]
