"""Guards on the work each console page does, so the speed ADR 0031 measured stays (benchmarks/triage.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.choices import Status
from waypost.intake.models import ContactRequest
from waypost.triage.queue import PAGE_SIZE, counts_by_status, queue_rows

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]
# The user with their memberships, their authenticator device, one page of rows, the counts, the team for the owner
# filter (ADR 0034)
QUEUE_QUERIES = 5


def add_open_requests(organisation: Organisation, owner: User, count: int) -> list[ContactRequest]:
    start = timezone.now() - datetime.timedelta(hours=3)
    return ContactRequest.objects.bulk_create(
        ContactRequest(
            reference=f"SPD{number:06d}",
            created_at=start + datetime.timedelta(minutes=number),
            source="web",
            organisation=organisation,
            for_whom="self",
            status=Status.CONTACT_ATTEMPTED if number % 3 == 0 else Status.NEW,
            assigned_to=owner if number % 2 == 0 else None,
            has_red_flag=number % 7 == 0,
            consent_version="test",
        )
        for number in range(count)
    )


def test_queue_page_asks_the_database_five_times_however_many_requests_are_open(
    staff_client: StaffClient,
    triage_worker_a: User,
    organisation_a: Organisation,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    add_open_requests(organisation_a, triage_worker_a, PAGE_SIZE + 10)
    client = staff_client(triage_worker_a)

    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = client.get("/staff/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('href="/staff/requests/SPD') == PAGE_SIZE
    assert "Next page" in html


def test_queue_page_with_filters_asks_the_database_five_times(
    staff_client: StaffClient,
    triage_worker_a: User,
    organisation_a: Organisation,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    add_open_requests(organisation_a, triage_worker_a, 30)
    client = staff_client(triage_worker_a)

    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = client.get("/staff/", {"status": Status.NEW, "owner": "mine"})

    # 30 requests: even numbers are the worker's, multiples of 3 were attempted; new and mine are 2, 4, 8, ... 28
    assert response.content.decode().count('href="/staff/requests/SPD') == 10


def test_request_page_asks_the_database_a_fixed_number_of_times_and_still_audits_the_view(
    staff_client: StaffClient,
    triage_worker_a: User,
    organisation_a: Organisation,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    request = make_request(organisation_a)
    add_open_requests(organisation_a, triage_worker_a, 20)
    client = staff_client(triage_worker_a)

    # Sign-in (2), the request, the audit row (one INSERT, ADR 0034), timeline, duplicates, merged from,
    # its assessment, its referrals and the conversation it was made from
    with django_assert_max_num_queries(10):
        response = client.get(f"/staff/requests/{request.reference}")

    assert response.status_code == 200
    assert request.reference in response.content.decode()
    assert list(AuditEvent.objects.values_list("action", "request_reference", "actor_id")) == [
        (AuditAction.VIEWED_REQUEST, request.reference, triage_worker_a.pk)
    ]


def test_queue_rows_link_each_request_to_the_same_address_as_reverse(
    triage_worker_a: User, organisation_a: Organisation
) -> None:
    requests = add_open_requests(organisation_a, triage_worker_a, 3)

    rows = queue_rows(requests, timezone.now())

    assert [row.url for row in rows] == [
        reverse("triage:request_detail", args=[request.reference]) for request in requests
    ]
    assert [row.url for row in rows] == [
        "/staff/requests/SPD000000",
        "/staff/requests/SPD000001",
        "/staff/requests/SPD000002",
    ]


def test_status_counts_are_exact_and_leave_out_closed_requests(
    triage_worker_a: User, organisation_a: Organisation
) -> None:
    add_open_requests(organisation_a, triage_worker_a, 10)
    ContactRequest.objects.filter(reference="SPD000001").update(status=Status.CLOSED)

    counts = counts_by_status(ContactRequest.objects.filter(organisation=organisation_a))

    # 0, 3, 6, 9 attempted; 2, 4, 5, 7, 8 new; 1 closed
    assert counts == {
        Status.NEW: 5,
        Status.CONTACT_ATTEMPTED: 4,
        Status.IN_CONVERSATION: 0,
        Status.ASSESSED: 0,
        Status.REFERRED_ON: 0,
    }


def test_viewing_a_request_is_audited_with_one_insert_and_no_transaction_round_trips(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    client = staff_client(triage_worker_a)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/staff/requests/{request.reference}")

    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    assert response.status_code == 200
    assert statements.count("INSERT") == 1
    assert not {"SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"} & set(statements)
    assert AuditEvent.objects.filter(request_reference=request.reference).count() == 1
