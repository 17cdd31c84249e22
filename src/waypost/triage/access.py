"""The one way staff code reads a contact request: scoped to the organisations the user works for.

Written one condition per line, so coverage shows every branch is tested. A request outside the user's
organisations is a 404, exactly like one that does not exist, so nothing leaks about it. A request in the user's
own organisation that their role may not act on is a 403 (PermissionDenied): they may know it exists.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from waypost.accounts.access import can_supervise, is_organisation_admin, organisation_ids_for
from waypost.accounts.models import User
from waypost.intake.choices import Status
from waypost.intake.models import ContactRequest


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


def requests_for_staff(user: User) -> QuerySet[ContactRequest]:
    return ContactRequest.objects.filter(organisation_id__in=organisation_ids_for(user))


def requests_in_organisation(user: User, organisation_id: int) -> QuerySet[ContactRequest]:
    return requests_for_staff(user).filter(organisation_id=organisation_id)
