"""Figures for supervisors: open requests by status, overdue count, and time to first contact."""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

from waypost.accounts.models import Organisation, User
from waypost.intake.choices import Status
from waypost.triage.access import requests_in_organisation
from waypost.triage.queue import counts_by_status, describe_duration, first_contact_target

WINDOW = datetime.timedelta(days=30)
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
class Dashboard:
    counts: dict[str, int]
    bars: tuple[Bar, ...]
    chart_height: int
    overdue: int
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
        bars.append(Bar(Status(status).label, count, top, width, LABEL_WIDTH + width + 6, top + 19))
    return tuple(bars)


def build_dashboard(user: User, organisation: Organisation, now: datetime.datetime) -> Dashboard:
    """Every figure counts the one organisation shown, never all the organisations the user works for."""
    requests = requests_in_organisation(user, organisation.pk)
    counts = counts_by_status(requests)
    overdue = requests.open().filter(first_contact_at__isnull=True, created_at__lt=now - first_contact_target()).count()
    pairs = requests.filter(created_at__gte=now - WINDOW, first_contact_at__isnull=False).values_list(
        "created_at", "first_contact_at"
    )
    waits = sorted((contacted - created).total_seconds() for created, contacted in pairs if contacted is not None)
    return Dashboard(
        counts=counts,
        bars=bars_for(counts),
        chart_height=len(counts) * BAR_HEIGHT,
        overdue=overdue,
        contacted_in_window=len(waits),
        median_to_first_contact=duration_or_dash(waits, 0.5),
        p90_to_first_contact=duration_or_dash(waits, 0.9),
    )


def duration_or_dash(waits: Sequence[float], fraction: float) -> str:
    if not waits:
        return "No contacts yet"
    return describe_duration(datetime.timedelta(seconds=percentile(waits, fraction)))
