"""Figures for supervisors: open requests by status, red flags, overdue, workload per person, outcomes, waits."""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from waypost.accounts.models import Organisation, User
from waypost.intake.choices import Outcome, Status, shown_label
from waypost.triage.access import requests_in_organisation
from waypost.triage.queue import counts_by_status, describe_duration, first_contact_target

WINDOW = datetime.timedelta(days=30)
PERIOD_DAYS = (7, 30, 90)
CHART_WIDTH = 400
BAR_HEIGHT = 28
LABEL_WIDTH = 150


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: int
    width: int
    text_x: int
    text_y: int


@dataclass(frozen=True)
class Workload:
    name: str
    open_requests: int
    red_flags: int
    overdue: int


@dataclass(frozen=True)
class Dashboard:
    counts: dict[str, int]
    bars: tuple[Bar, ...]
    chart_height: int
    overdue: int
    red_flag_open: int
    workload: tuple[Workload, ...]
    outcomes: tuple[tuple[str, int], ...]
    closed_in_period: int
    period_days: int
    contacted_in_window: int
    median_to_first_contact: str
    p90_to_first_contact: str


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `fraction` of the values at or below it."""
    rank = max(math.ceil(fraction * len(sorted_values)), 1)
    return sorted_values[rank - 1]


BAR_SPACE = CHART_WIDTH - LABEL_WIDTH - 40  # room left for the count written after the bar


def bars_for(counts: dict[str, int]) -> tuple[Bar, ...]:
    largest = max(counts.values(), default=0) or 1
    bars = []
    for index, (status, count) in enumerate(counts.items()):
        width = round(count / largest * BAR_SPACE)
        top = index * BAR_HEIGHT
        bars.append(Bar(shown_label(Status(status)), count, top, width, LABEL_WIDTH + width + 6, top + 19))
    return tuple(bars)


def period_from(text: str) -> int:
    """The days the period figures cover: one of PERIOD_DAYS, 30 for anything else."""
    return int(text) if text in {str(days) for days in PERIOD_DAYS} else 30


def build_dashboard(user: User, organisation: Organisation, now: datetime.datetime, period_days: int = 30) -> Dashboard:
    """Every figure counts the one organisation shown, never all the organisations the user works for."""
    requests = requests_in_organisation(user, organisation.pk)
    counts = counts_by_status(requests)
    open_requests = requests.open()
    is_overdue = Q(first_contact_at__isnull=True, created_at__lt=now - first_contact_target())
    period_start = now - datetime.timedelta(days=period_days)
    pairs = requests.filter(created_at__gte=period_start, first_contact_at__isnull=False).values_list(
        "created_at", "first_contact_at"
    )
    waits = sorted((contacted - created).total_seconds() for created, contacted in pairs if contacted is not None)
    outcomes = outcome_counts(requests.filter(closed_at__gte=period_start))
    return Dashboard(
        counts=counts,
        bars=bars_for(counts),
        chart_height=len(counts) * BAR_HEIGHT,
        overdue=open_requests.filter(is_overdue).count(),
        red_flag_open=open_requests.filter(has_red_flag=True).count(),
        workload=workload_of(open_requests, is_overdue),
        outcomes=outcomes,
        closed_in_period=sum(count for _label, count in outcomes),
        period_days=period_days,
        contacted_in_window=len(waits),
        median_to_first_contact=duration_or_dash(waits, 0.5),
        p90_to_first_contact=duration_or_dash(waits, 0.9),
    )


def workload_of(open_requests: Any, is_overdue: Q) -> tuple[Workload, ...]:
    """Open requests per person holding them, most first; requests nobody holds are listed as "Not taken"."""
    rows = (
        open_requests.values(
            "assigned_to", "assigned_to__username", "assigned_to__first_name", "assigned_to__last_name"
        )
        .annotate(
            total=Count("id"),
            red_flags=Count("id", filter=Q(has_red_flag=True)),
            overdue=Count("id", filter=is_overdue),
        )
        .order_by("-total", "assigned_to__username")
    )
    return tuple(Workload(person_name(row), row["total"], row["red_flags"], row["overdue"]) for row in rows)


def person_name(row: dict[str, Any]) -> str:
    if row["assigned_to"] is None:
        return _("Not taken")
    full_name = f"{row['assigned_to__first_name']} {row['assigned_to__last_name']}".strip()
    return full_name or str(row["assigned_to__username"])


def outcome_counts(closed: Any) -> tuple[tuple[str, int], ...]:
    """Every outcome, in the order staff choose them, with how many requests closed with it in the period."""
    found = dict(closed.exclude(outcome="").values_list("outcome").annotate(count=Count("id")))
    return tuple((shown_label(outcome), found.get(outcome.value, 0)) for outcome in Outcome)


def duration_or_dash(waits: Sequence[float], fraction: float) -> str:
    if not waits:
        return _("No contacts yet")
    return describe_duration(datetime.timedelta(seconds=percentile(waits, fraction)))
