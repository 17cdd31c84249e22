"""The only ways to read recovery support data: the signed-in person's own, or staff within their organisations.

One condition per line. Anything outside the reader's reach is a 404, exactly like something that does not exist.
"""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from django.utils import timezone

from waypost.accounts.access import organisation_ids_for
from waypost.accounts.models import User
from waypost.core.encryption import keyed_hash
from waypost.recovery.models import AccessToken, CheckIn, Enrolment, EnrolmentQuerySet, OutreachTask, Plan

SESSION_KEY = "recovery_enrolment"
PENDING_KEY = "recovery_pending"


def signed_in_enrolment(request: HttpRequest) -> Enrolment | None:
    """The person's own enrolment from their session, or None when signed out, ended or deleted."""
    enrolment_id = request.session.get(SESSION_KEY)
    if not isinstance(enrolment_id, int):
        return None
    return Enrolment.objects.active().filter(pk=enrolment_id).first()


def token_hash(token: str) -> str:
    return keyed_hash(token, purpose="recovery-token")


def enrolment_for_token(authorization: str) -> Enrolment | None:
    """The enrolment a phone app's unexpired bearer token belongs to, or None."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    found = (
        AccessToken.objects.select_related("enrolment")
        .filter(token_hash=token_hash(token.strip()), expires_at__gt=timezone.now(), enrolment__ended_at__isnull=True)
        .first()
    )
    return found.enrolment if found else None


def own_plan(enrolment: Enrolment) -> Plan | None:
    return Plan.objects.filter(enrolment=enrolment).first()


def own_check_ins(enrolment: Enrolment) -> list[CheckIn]:
    return list(CheckIn.objects.filter(enrolment=enrolment).order_by("submitted_at", "pk"))


def own_check_ins_since(enrolment: Enrolment, since: datetime.datetime) -> list[CheckIn]:
    """Only the period a page shows: every check-in is decrypted to be read, so fewer rows is less work."""
    rows = CheckIn.objects.filter(enrolment=enrolment, submitted_at__gte=since)
    return list(rows.order_by("submitted_at", "pk"))


def own_check_in(enrolment: Enrolment, check_in_id: int) -> CheckIn:
    check_in = CheckIn.objects.filter(pk=check_in_id).first()
    if check_in is None:
        raise Http404("No such check-in")
    if check_in.enrolment_id != enrolment.pk:
        raise Http404("No such check-in")
    return check_in


def enrolments_for_staff(user: User) -> EnrolmentQuerySet:
    return Enrolment.objects.for_organisations(sorted(organisation_ids_for(user)))


def get_enrolment_for_staff(user: User, reference: str) -> Enrolment:
    enrolment = Enrolment.objects.select_related("organisation").filter(reference=reference).first()
    if enrolment is None:
        raise Http404("No such enrolment")
    if enrolment.organisation_id not in organisation_ids_for(user):
        raise Http404("No such enrolment")
    return enrolment


def shared_check_ins_for_staff(user: User, enrolment: Enrolment, since: datetime.datetime) -> list[CheckIn]:
    """Check-ins since a moment the care team may see: none unless the person consented to share them."""
    if enrolment.organisation_id not in organisation_ids_for(user):
        raise Http404("No such enrolment")
    if not enrolment.shares_with_care_team:
        return []
    return own_check_ins_since(enrolment, since)


def open_tasks_for_staff(user: User) -> list[OutreachTask]:
    tasks = OutreachTask.objects.open().filter(organisation_id__in=sorted(organisation_ids_for(user)))
    return list(tasks.select_related("enrolment").by_risk())


def get_task_for_staff(user: User, task_id: int) -> OutreachTask:
    task = OutreachTask.objects.select_related("enrolment").filter(pk=task_id).first()
    if task is None:
        raise Http404("No such task")
    if task.organisation_id not in organisation_ids_for(user):
        raise Http404("No such task")
    return task
