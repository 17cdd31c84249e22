"""The plain rows the report is worked out from, read through the scoped querysets: dates and codes only.

Two queries whatever the period: the organisation's contact requests made in the period (with the assessment's
date joined), and the referrals it sent that were made in the period or belong to those requests, with the first
acceptance and admission dates from their events aggregated in the database.
"""

from __future__ import annotations

import datetime

from django.db.models import Min, Q
from django.utils import timezone

from waypost.accounts.models import Organisation, User
from waypost.treatment.access import referrals_for_staff
from waypost.treatment.choices import TaskStatus
from waypost.treatment.report_figures import Month, Period, ReferralRow, RequestRow
from waypost.triage.access import requests_in_organisation

ACCEPTED_STATUSES = (TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED)


def start_of(month: Month) -> datetime.datetime:
    """Midnight local time on the first day of `month`, so months follow the organisation's calendar."""
    return timezone.make_aware(datetime.datetime(month.year, month.month, 1))  # noqa: DTZ001 (made aware here)


def local(moment: datetime.datetime | None) -> datetime.datetime | None:
    return timezone.localtime(moment) if moment is not None else None


def report_rows(user: User, organisation: Organisation, period: Period) -> tuple[list[RequestRow], list[ReferralRow]]:
    start, end = start_of(period.first), start_of(period.last.shifted(1))
    requests = requests_in_organisation(user, organisation.pk).filter(created_at__gte=start, created_at__lt=end)
    request_rows = [
        RequestRow(pk, timezone.localtime(created_at), local(first_contact_at), local(assessed_at))
        for pk, created_at, first_contact_at, assessed_at in requests.values_list(
            "pk", "created_at", "first_contact_at", "assessment__created_at"
        )
    ]
    referrals = (
        referrals_for_staff(user)
        .filter(sending_organisation_id=organisation.pk)
        .filter(Q(created_at__gte=start, created_at__lt=end) | Q(contact_request__in=requests.values("pk")))
        .annotate(
            first_accepted_at=Min("events__at", filter=Q(events__status_to__in=ACCEPTED_STATUSES)),
            first_admitted_at=Min("events__at", filter=Q(events__status_to=TaskStatus.COMPLETED)),
        )
        .order_by()
        .values_list(
            "contact_request_id",
            "created_at",
            "destination_name",
            "status",
            "reason_code",
            "first_accepted_at",
            "first_admitted_at",
        )
    )
    referral_rows = [
        ReferralRow(request_id, timezone.localtime(created_at), name, status, reason, local(accepted), local(admitted))
        for request_id, created_at, name, status, reason, accepted, admitted in referrals
    ]
    return request_rows, referral_rows
