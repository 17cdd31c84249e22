"""The one way staff code reads outbound messages: through the contact request each one is about.

A message has no organisation of its own; it belongs to the organisation of the request its `reference` names.
A message about a request outside the user's organisations (or erased, or about no request at all) is a 404,
exactly like one that does not exist. One the user's role may not handle is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from waypost.accounts.access import can_supervise
from waypost.accounts.models import Organisation, User
from waypost.intake.choices import Status
from waypost.notifications.models import OutboundMessage, OutboundMessageQuerySet
from waypost.triage.access import get_request_for_staff, requests_in_organisation


def messages_needing_attention(user: User, organisation: Organisation) -> OutboundMessageQuerySet:
    """Uncertain and failed messages about the organisation's requests, oldest first; none whose details were erased."""
    references = requests_in_organisation(user, organisation.pk).exclude(status=Status.ERASED).values("reference")
    return (
        OutboundMessage.objects.needing_attention()
        .filter(reference__in=references, purged_at__isnull=True)
        .order_by("created_at", "pk")
    )


def get_message_for_supervisor(user: User, message_id: int) -> tuple[OutboundMessage, int]:
    """The message and its organisation's id, for a supervisor or organisation admin of that organisation."""
    message = OutboundMessage.objects.needing_attention().filter(pk=message_id).first()
    if message is None:
        raise Http404("No such message")
    if not message.reference:
        raise Http404("No such message")
    if message.purged_at is not None:
        raise Http404("No such message")
    contact_request = get_request_for_staff(user, message.reference)
    if not can_supervise(user, contact_request.organisation_id or 0):
        raise PermissionDenied("Only supervisors and organisation admins may handle messages")
    return message, contact_request.organisation_id or 0
