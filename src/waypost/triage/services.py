"""Writes from the staff console. Each one changes the request, adds to its timeline and writes the audit
record in one transaction; a stale version or a lost race is reported, never silently overwritten."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from waypost.accounts.access import can_supervise
from waypost.accounts.console_language import in_english
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.choices import OPEN_STATUSES, Outcome, Status
from waypost.intake.models import ContactRequest
from waypost.intake.services import erase_contact_request, purge_closed_requests
from waypost.treatment.access import NO_END_MESSAGE, has_referrals_not_ended
from waypost.triage.models import Activity, ActivityKind, AttemptChannel, AttemptResult


class TriageConflict(Exception):
    """Someone else changed the request first; the message says what to do."""


class RequestAlreadyTaken(TriageConflict):
    """Someone else claimed the request first."""


class MergeRefused(TriageConflict):
    """A merge that would close an open request for good, or make two requests point at each other."""


class ReleaseNotAllowed(PermissionDenied):
    """Only the person holding a request, or a supervisor, may let it go."""


def record_audit(
    *, actor: User, contact_request: ContactRequest, action: AuditAction, page: str, detail: str = ""
) -> None:
    # The id, not the relation: save_if_unchanged() reloads the request, which drops the cached organisation
    if contact_request.organisation_id is None:
        raise ValueError("Staff only ever reach requests that belong to an organisation.")
    record_organisation_audit(
        actor=actor,
        organisation_id=contact_request.organisation_id,
        action=action,
        page=page,
        detail=detail,
        request_reference=contact_request.reference,
    )


def record_organisation_audit(
    *, actor: User, organisation_id: int, action: AuditAction, page: str, detail: str = "", request_reference: str = ""
) -> None:
    AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor,
        actor_name=actor.get_username(),
        organisation_id=organisation_id,
        action=action,
        request_reference=request_reference,
        page=page[:200],
        detail=detail[:200],
    )


def record_activity(contact_request: ContactRequest, actor: User, kind: ActivityKind, **fields: object) -> None:
    Activity.objects.create(
        contact_request=contact_request,
        kind=kind,
        at=timezone.now(),
        actor=actor,
        actor_name=actor.get_username(),
        **fields,
    )


def save_if_unchanged(contact_request: ContactRequest, expected_version: int, **changes: object) -> None:
    """Apply changes only if nobody saved the request since the form was shown (optimistic locking)."""
    updated = ContactRequest.objects.filter(pk=contact_request.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    if updated != 1:
        raise TriageConflict("Someone else changed this request while you were looking at it.")
    contact_request.refresh_from_db()


def claim_request(*, actor: User, contact_request: ContactRequest, page: str) -> None:
    """Exactly one of two people taking the same request at the same moment wins."""
    with transaction.atomic():
        taken = ContactRequest.objects.filter(pk=contact_request.pk, assigned_to__isnull=True).update(
            assigned_to=actor, version=F("version") + 1
        )
        if taken != 1:
            raise RequestAlreadyTaken("Someone else has already taken this request.")
        contact_request.refresh_from_db()
        record_activity(contact_request, actor, ActivityKind.CLAIMED)
        record_audit(actor=actor, contact_request=contact_request, action=AuditAction.CLAIMED, page=page)


def release_request(*, actor: User, contact_request: ContactRequest, version: int, page: str) -> None:
    """Refused unless the actor holds the request or supervises its organisation."""
    if version != contact_request.version:
        # The holder we checked may not be the holder at `version`
        raise TriageConflict("Someone else changed this request while you were looking at it.")
    if contact_request.assigned_to_id != actor.pk and not can_supervise(actor, contact_request.organisation_id or 0):
        raise ReleaseNotAllowed("Only the person who took this request, or a supervisor, can release it.")
    with transaction.atomic():
        save_if_unchanged(contact_request, version, assigned_to=None)
        record_activity(contact_request, actor, ActivityKind.RELEASED)
        record_audit(actor=actor, contact_request=contact_request, action=AuditAction.RELEASED, page=page)


def reassign_request(*, actor: User, contact_request: ContactRequest, assignee: User, version: int, page: str) -> None:
    with transaction.atomic():
        save_if_unchanged(contact_request, version, assigned_to=assignee)
        detail = f"to {assignee.get_username()}"
        record_activity(contact_request, actor, ActivityKind.REASSIGNED, note=detail)
        record_audit(
            actor=actor, contact_request=contact_request, action=AuditAction.REASSIGNED, page=page, detail=detail
        )


def change_status(*, actor: User, contact_request: ContactRequest, status: Status, version: int, page: str) -> None:
    if status not in OPEN_STATUSES:
        raise TriageConflict("Use “Close this request” to close it, with an outcome.")
    with transaction.atomic():
        previous = contact_request.status
        save_if_unchanged(contact_request, version, status=status)
        record_activity(contact_request, actor, ActivityKind.STATUS_CHANGED, status_from=previous, status_to=status)
        record_audit(
            actor=actor, contact_request=contact_request, action=AuditAction.CHANGED_STATUS, page=page, detail=status
        )


def record_contact_attempt(
    *,
    actor: User,
    contact_request: ContactRequest,
    channel: AttemptChannel,
    result: AttemptResult,
    version: int,
    page: str,
) -> None:
    """The first attempt stops the first-contact clock; a new request moves to 'contact attempted'."""
    now = timezone.now()
    changes: dict[str, object] = {}
    if contact_request.first_contact_at is None:
        changes["first_contact_at"] = now
    if contact_request.status == Status.NEW:
        changes["status"] = Status.CONTACT_ATTEMPTED
    if contact_request.follow_up_at is not None and contact_request.follow_up_at <= now:
        # The follow-up was done: the request drops back to its place in the queue
        changes["follow_up_at"] = None
    with transaction.atomic():
        save_if_unchanged(contact_request, version, **changes)
        record_activity(contact_request, actor, ActivityKind.CONTACT_ATTEMPT, channel=channel, result=result)
        detail = f"{channel} {result}"
        record_audit(
            actor=actor, contact_request=contact_request, action=AuditAction.LOGGED_ATTEMPT, page=page, detail=detail
        )


def add_note(*, actor: User, contact_request: ContactRequest, text: str, page: str) -> None:
    with transaction.atomic():
        record_activity(contact_request, actor, ActivityKind.NOTE, note=text)
        record_audit(actor=actor, contact_request=contact_request, action=AuditAction.ADDED_NOTE, page=page)


OUTCOMES_WITH_DESTINATION = (Outcome.ADMITTED, Outcome.REFERRED_ELSEWHERE)


REFERRALS_NOT_ENDED = f"{NO_END_MESSAGE}. Record how each one ended, or cancel it, first."


class CloseRefused(ValueError):
    """A red-flagged request closed without its outcome note, or a referral without where to (H-041)."""


def close_request(
    *,
    actor: User,
    contact_request: ContactRequest,
    outcome: Outcome,
    version: int,
    page: str,
    note: str = "",
    destination: str = "",
) -> None:
    """Close with an outcome the timeline keeps; a red-flagged request needs a note, and a referral its destination."""
    if has_referrals_not_ended(contact_request.pk):
        raise CloseRefused(REFERRALS_NOT_ENDED)
    if contact_request.has_red_flag and not note.strip():
        raise CloseRefused("A red-flagged request is closed only with a note saying what was done.")
    if contact_request.has_red_flag and outcome in OUTCOMES_WITH_DESTINATION and not destination.strip():
        raise CloseRefused("Say where a red-flagged person was referred or admitted.")
    with transaction.atomic():
        previous = contact_request.status
        save_if_unchanged(
            contact_request, version, status=Status.CLOSED, outcome=outcome, closed_at=timezone.now(), follow_up_at=None
        )
        record_activity(
            contact_request,
            actor,
            ActivityKind.CLOSED,
            status_from=previous,
            status_to=Status.CLOSED,
            note=closing_words(outcome, note=note, destination=destination),
        )
        record_audit(actor=actor, contact_request=contact_request, action=AuditAction.CLOSED, page=page, detail=outcome)


def closing_words(outcome: Outcome, *, note: str, destination: str) -> str:
    """The outcome as the timeline says it: "Referred elsewhere: to Bristol Drugs Project. Will self-refer"."""
    words = in_english(outcome.label)
    if destination.strip():
        words += f": to {destination.strip()}"
    if note.strip():
        words += f". {note.strip()}"
    return words


def set_follow_up(
    *, actor: User, contact_request: ContactRequest, follow_up_at: datetime.datetime, note: str, version: int, page: str
) -> None:
    """A follow-up brings the request back to the top of the queue when it is due; the timeline keeps it."""
    if contact_request.status not in OPEN_STATUSES:
        raise TriageConflict("Only an open request can have a follow-up.")
    with transaction.atomic():
        save_if_unchanged(contact_request, version, follow_up_at=follow_up_at, follow_up_note=note.strip() or None)
        text = f"{timezone.localtime(follow_up_at):%a %d %b %Y %H:%M}" + (f": {note.strip()}" if note.strip() else "")
        record_activity(contact_request, actor, ActivityKind.FOLLOW_UP, note=text)
        detail = f"{follow_up_at.astimezone(datetime.UTC):%Y-%m-%dT%H:%MZ}"
        record_audit(
            actor=actor, contact_request=contact_request, action=AuditAction.SET_FOLLOW_UP, page=page, detail=detail
        )


def merge_duplicate(*, actor: User, keep: ContactRequest, duplicate: ContactRequest, page: str) -> None:
    """Close the duplicate as 'duplicate', pointing at the request that is kept.

    Both must be open when their rows are locked, so merging A into B and then B into A (or both at once)
    cannot close both and drop the person out of the queue.
    """
    if keep.pk == duplicate.pk or keep.organisation_id != duplicate.organisation_id:
        raise MergeRefused("Only two different requests in the same organisation can be merged.")
    with transaction.atomic():
        locked = lock_requests(keep.pk, duplicate.pk)
        check_mergeable(keep=locked[keep.pk], duplicate=locked[duplicate.pk])
        save_if_unchanged(
            duplicate,
            locked[duplicate.pk].version,
            status=Status.CLOSED,
            outcome=Outcome.DUPLICATE,
            closed_at=timezone.now(),
            duplicate_of=keep,
        )
        record_activity(keep, actor, ActivityKind.MERGED, note=f"{duplicate.reference} merged into this request")
        detail = f"{duplicate.reference} into {keep.reference}"
        record_audit(actor=actor, contact_request=keep, action=AuditAction.MERGED, page=page, detail=detail)


def lock_requests(*primary_keys: int) -> dict[int, ContactRequest]:
    # Locked in primary-key order, so two merges of the same pair wait for each other instead of deadlocking
    rows = ContactRequest.objects.select_for_update().filter(pk__in=primary_keys).order_by("pk")
    return {row.pk: row for row in rows.only("pk", "status", "version", "duplicate_of")}


def check_mergeable(*, keep: ContactRequest, duplicate: ContactRequest) -> None:
    if keep.status not in OPEN_STATUSES or duplicate.status not in OPEN_STATUSES:
        raise MergeRefused("Only an open request can be merged, and only into another open request.")
    if duplicate.pk in merge_chain(keep):
        raise MergeRefused("This request was merged into the other one, so it cannot be merged back.")


def merge_chain(contact_request: ContactRequest) -> list[int]:
    """The requests this one was merged into, following the links to the end (at most one per request)."""
    chain: list[int] = []
    target = contact_request.duplicate_of_id
    while target is not None and target not in chain:
        chain.append(target)
        target = ContactRequest.objects.filter(pk=target).values_list("duplicate_of", flat=True).first()
    return chain


def erase_request(*, actor: User, contact_request: ContactRequest, page: str) -> None:
    with transaction.atomic():
        erased = erase_contact_request(reference=contact_request.reference)
        merged = [reference for reference in erased if reference != contact_request.reference]
        detail = f"with merged {', '.join(merged)}" if merged else ""
        record_audit(actor=actor, contact_request=contact_request, action=AuditAction.ERASED, page=page, detail=detail)


def record_view(
    *, actor: User, contact_request: ContactRequest, page: str, shows_contact_details: bool = False
) -> None:
    action = AuditAction.VIEWED_CONTACT_DETAILS if shows_contact_details else AuditAction.VIEWED_REQUEST
    # One INSERT commits on its own: no transaction around it, so the view costs one round trip (ADR 0034)
    record_audit(actor=actor, contact_request=contact_request, action=action, page=page)


def record_audit_export(*, actor: User, organisation: Organisation, page: str) -> None:
    record_organisation_audit(
        actor=actor, organisation_id=organisation.pk, action=AuditAction.EXPORTED_AUDIT, page=page
    )


def apply_retention(*, actor: User, organisation: Organisation, page: str) -> int:
    """An organisation admin deletes their organisation's requests closed longer ago than the retention period."""
    with transaction.atomic():
        deleted = purge_closed_requests(
            closed_for=datetime.timedelta(days=settings.RETENTION_DAYS), organisation_id=organisation.pk
        )
        record_organisation_audit(
            actor=actor,
            organisation_id=organisation.pk,
            action=AuditAction.APPLIED_RETENTION,
            page=page,
            detail=f"{deleted} closed requests deleted",
        )
    return deleted
