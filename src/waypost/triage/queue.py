"""The queue: open requests for the user's organisations, most at risk first, then longest waiting."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from waypost.accounts.models import User
from waypost.intake.choices import OPEN_STATUSES, ForWhom, Status
from waypost.intake.models import ContactRequest
from waypost.triage.access import requests_for_staff

PAGE_SIZE = 50
MINE = "mine"
UNASSIGNED = "unassigned"
REFERENCE_PLACEHOLDER = "reference-placeholder"


@dataclass(frozen=True)
class QueueRow:
    reference: str
    url: str
    has_red_flag: bool
    status: str
    owner: str
    for_whom: str
    waiting: str
    is_overdue: bool


def first_contact_target() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.FIRST_CONTACT_TARGET_MINUTES)


def open_requests(user: User, *, status: str = "", owner: str = "") -> QuerySet[ContactRequest]:
    queryset = requests_for_staff(user).filter(status__in=OPEN_STATUSES)
    if status in OPEN_STATUSES:
        queryset = queryset.filter(status=status)
    if owner == MINE:
        queryset = queryset.filter(assigned_to=user)
    elif owner == UNASSIGNED:
        queryset = queryset.filter(assigned_to__isnull=True)
    # Only what a row shows: loading every column would decrypt contact details the queue never displays
    columns = ("reference", "has_red_flag", "status", "for_whom", "created_at", "first_contact_at")
    queryset = queryset.select_related("assigned_to").only(*columns, "assigned_to__username")
    return queryset.order_by("-has_red_flag", "created_at", "pk")


def status_counts(user: User) -> dict[str, int]:
    """Exact counts from the queue index alone: COUNT(*) needs no column, so no table row is read (ADR 0031)."""
    return counts_by_status(requests_for_staff(user))


def counts_by_status(requests: QuerySet[ContactRequest]) -> dict[str, int]:
    rows = requests.filter(status__in=OPEN_STATUSES).values("status").annotate(count=Count("*"))
    counts: dict[str, int] = dict.fromkeys(OPEN_STATUSES, 0)
    counts.update({row["status"]: row["count"] for row in rows})
    return counts


def queue_rows(requests: list[ContactRequest], now: datetime.datetime) -> list[QueueRow]:
    target = first_contact_target()
    # One reverse() for the page, not one per row: {% url %} in a 50-row loop was a tenth of the page's time
    before, after = reverse("triage:request_detail", args=[REFERENCE_PLACEHOLDER]).rsplit(REFERENCE_PLACEHOLDER, 1)
    return [
        QueueRow(
            reference=request.reference,
            url=f"{before}{quote(request.reference, safe=RFC3986_SUBDELIMS + '~:@')}{after}",
            has_red_flag=request.has_red_flag,
            status=Status(request.status).label,
            owner=request.assigned_to.get_username() if request.assigned_to else "Nobody yet",
            for_whom=ForWhom(request.for_whom).label if request.for_whom else "",
            waiting=describe_duration(now - request.created_at),
            is_overdue=request.first_contact_at is None and now - request.created_at > target,
        )
        for request in requests
    ]


def describe_duration(duration: datetime.timedelta) -> str:
    minutes = max(int(duration.total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min"
    return f"{hours // 24} days"
