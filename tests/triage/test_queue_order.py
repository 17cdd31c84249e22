"""The queue read as two index scans gives exactly the order computed from every row (ADR 0034, hazard H-043).

Due follow-ups first (open requests whose follow-up time has come), then red flags, then longest waiting, then the
row id: the rule is written out here in Python over every combination of status, red flag, follow-up and age,
and compared with what queue_page returns for every page size and start.
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from waypost.accounts.models import Organisation, User
from waypost.intake.choices import OPEN_STATUSES, Status
from waypost.intake.models import ContactRequest
from waypost.triage.access import requests_for_staff
from waypost.triage.queue import queue_page

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC)
FOLLOW_UPS = [None, NOW - datetime.timedelta(hours=2), NOW, NOW + datetime.timedelta(minutes=1)]
AGES = [datetime.timedelta(hours=5), datetime.timedelta(minutes=1)]
STATUSES = [status for status in Status if status != Status.ERASED]


def every_combination(organisation: Organisation, prefix: str) -> list[ContactRequest]:
    combinations = itertools.product(STATUSES, [True, False], FOLLOW_UPS, AGES, range(2))
    return ContactRequest.objects.bulk_create(
        ContactRequest(
            reference=f"{prefix}{number:08d}",
            # Two rows of each combination received at the same moment, so the id decides between them
            created_at=NOW - age,
            source="web",
            organisation=organisation,
            for_whom="self",
            status=status,
            has_red_flag=red_flag,
            follow_up_at=follow_up,
            consent_version="test",
        )
        for number, (status, red_flag, follow_up, age, _twin) in enumerate(combinations)
    )


def computed_order(requests: list[ContactRequest], now: datetime.datetime) -> list[str]:
    def is_due(request: ContactRequest) -> bool:
        return request.status in OPEN_STATUSES and request.follow_up_at is not None and request.follow_up_at <= now

    ordered = sorted(requests, key=lambda request: (not is_due(request), not request.has_red_flag, request.created_at))
    # sorted is stable and bulk_create returns rows in id order, so equal keys stay in id order
    return [request.reference for request in ordered]


@pytest.fixture
def rows(organisation_a: Organisation, organisation_b: Organisation) -> list[ContactRequest]:
    every_combination(organisation_b, "B")
    return sorted(every_combination(organisation_a, "A"), key=lambda request: request.pk)


def test_every_page_of_the_queue_is_the_computed_order(rows: list[ContactRequest], triage_worker_a: User) -> None:
    expected = computed_order(rows, NOW)

    for size in (1, 7, 51, len(rows) + 1):
        for start in range(0, len(rows) + 2, 5 if size > 1 else 1):
            page = queue_page(requests_for_staff(triage_worker_a), NOW, start=start, size=size)
            assert [request.reference for request in page] == expected[start : start + size], (size, start)


@pytest.mark.parametrize("status", [*OPEN_STATUSES, Status.CLOSED])
def test_the_order_holds_within_each_status(rows: list[ContactRequest], triage_worker_a: User, status: str) -> None:
    expected = computed_order([request for request in rows if request.status == status], NOW)

    page = queue_page(requests_for_staff(triage_worker_a).filter(status=status), NOW, start=0, size=len(rows))

    assert [request.reference for request in page] == expected


def test_a_follow_up_comes_to_the_top_the_moment_it_is_due(rows: list[ContactRequest], triage_worker_a: User) -> None:
    open_follow_ups = [request for request in rows if request.status in OPEN_STATUSES and request.follow_up_at]
    coming_due = {request.reference for request in open_follow_ups if request.follow_up_at == NOW}
    already_due = [request for request in open_follow_ups if request.follow_up_at and request.follow_up_at < NOW]
    a_second_before = NOW - datetime.timedelta(seconds=1)
    before = queue_page(requests_for_staff(triage_worker_a), a_second_before, start=0, size=len(already_due))

    after = queue_page(requests_for_staff(triage_worker_a), NOW, start=0, size=len(already_due) + len(coming_due))

    assert coming_due.isdisjoint(request.reference for request in before)
    assert coming_due <= {request.reference for request in after}


def test_the_order_is_the_same_at_any_moment(rows: list[ContactRequest], triage_worker_a: User) -> None:
    for now in [*(moment for moment in FOLLOW_UPS if moment), NOW - datetime.timedelta(days=1), timezone.now()]:
        page = queue_page(requests_for_staff(triage_worker_a), now, start=0, size=len(rows))
        assert [request.reference for request in page] == computed_order(rows, now), now
