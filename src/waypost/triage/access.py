"""The one way staff code reads a contact request: scoped to the organisations the user works for.

Written one condition per line, so coverage shows every branch is tested. A request outside the user's
organisations is a 404, exactly like one that does not exist, so nothing leaks about it. A request in the user's
own organisation that their role may not act on is a 403 (PermissionDenied): they may know it exists.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest

from waypost.accounts.access import (
    can_supervise,
    is_organisation_admin,
    organisation_ids_for,
    signed_in_staff,
    supervised_organisation_ids,
)
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditEvent
from waypost.intake.choices import OPEN_STATUSES, Status
from waypost.intake.models import ContactRequest, ContactRequestQuerySet


def get_request_for_staff(user: User, reference: str) -> ContactRequest:
    request = ContactRequest.objects.select_related("organisation", "assigned_to").filter(reference=reference).first()
    if request is None:
        raise Http404("No such request")
    if request.organisation_id is None:
        raise Http404("No such request")
    if request.organisation_id not in organisation_ids_for(user):
        raise Http404("No such request")
    if request.status == Status.ERASED:
        raise Http404("No such request")
    return request


def get_request_for_supervisor(user: User, reference: str) -> ContactRequest:
    request = get_request_for_staff(user, reference)
    if not can_supervise(user, request.organisation_id or 0):
        raise PermissionDenied("Only supervisors and organisation admins may do this")
    return request


def get_request_for_organisation_admin(user: User, reference: str) -> ContactRequest:
    request = get_request_for_staff(user, reference)
    if not is_organisation_admin(user, request.organisation_id or 0):
        raise PermissionDenied("Only organisation admins may do this")
    return request


def requests_for_staff(user: User) -> ContactRequestQuerySet:
    return ContactRequest.objects.for_organisations(organisation_ids_for(user))


def duplicate_candidates(user: User, contact_request: ContactRequest) -> list[ContactRequest]:
    """Other open requests in the same organisation with the same phone or e-mail (found by keyed hash)."""
    same_organisation = requests_for_staff(user).filter(organisation_id=contact_request.organisation_id or 0)
    return list(same_organisation.open().same_contact_as(contact_request).order_by("created_at")[:10])


def merged_into(user: User, contact_request: ContactRequest) -> str:
    """The reference of the request this one was merged into, or ""."""
    if contact_request.duplicate_of_id is None:
        return ""
    target = requests_for_staff(user).filter(pk=contact_request.duplicate_of_id)
    return target.values_list("reference", flat=True).first() or ""


def merged_from(user: User, contact_request: ContactRequest) -> list[str]:
    """The references of the requests merged into this one, oldest first."""
    merged = requests_for_staff(user).filter(duplicate_of=contact_request).order_by("created_at", "pk")
    return list(merged.values_list("reference", flat=True))


def audit_events_for_supervisor(user: User, organisation_id: int) -> QuerySet[AuditEvent]:
    """An organisation's audit trail, and only for someone who supervises it."""
    if organisation_id not in supervised_organisation_ids(user):
        raise PermissionDenied("Only supervisors and organisation admins may see the audit log")
    return AuditEvent.objects.filter(organisation_id=organisation_id)


def requests_in_organisation(user: User, organisation_id: int) -> ContactRequestQuerySet:
    return requests_for_staff(user).filter(organisation_id=organisation_id)


@dataclass(frozen=True)
class QueueCounts:
    open_by_status: dict[str, int]
    overdue_by_status: dict[str, int]


def count_requests_for_monitoring(now: datetime.datetime) -> QueueCounts:
    """Numbers across every organisation for the operator's /metrics: counts by status, never a row or a name."""
    target = datetime.timedelta(minutes=settings.FIRST_CONTACT_TARGET_MINUTES)
    is_overdue = Q(first_contact_at__isnull=True, created_at__lt=now - target)
    rows = (
        ContactRequest.objects.open()
        .order_by()
        .values_list("status")
        .annotate(total=Count("pk"), overdue=Count("pk", filter=is_overdue))
    )
    counted = {status: (total, overdue) for status, total, overdue in rows}
    return QueueCounts(
        open_by_status={status: counted.get(status, (0, 0))[0] for status in OPEN_STATUSES},
        overdue_by_status={status: counted.get(status, (0, 0))[1] for status in OPEN_STATUSES},
    )


def supervised_organisation(request: HttpRequest) -> Organisation:
    """The organisation a supervisor is looking at: ?organisation=<slug>, or their first one.

    403 for a role that supervises nowhere or not in the chosen organisation; 404 for one they do not work for.
    """
    user = signed_in_staff(request)
    supervised_ids = supervised_organisation_ids(user)
    if not supervised_ids:
        raise PermissionDenied("Only supervisors and organisation admins may see this page")
    chosen = request.GET.get("organisation", "")
    own = Organisation.objects.filter(pk__in=organisation_ids_for(user)).order_by("name")
    organisation = own.filter(slug=chosen).first() if chosen else own.filter(pk__in=supervised_ids).first()
    if organisation is None:
        raise Http404("No such organisation")
    if organisation.pk not in supervised_ids:
        raise PermissionDenied("Only supervisors and organisation admins may see this page")
    return organisation
